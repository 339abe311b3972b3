#!/usr/bin/env python3
"""Builds questions-ru.jsonl and questions-en.jsonl of quotes9 from the (product, quantity) pairs below.

Totals: per line the unit price x quantity in minor units, the highest volume tier the quantity reaches
(percent of the minor-unit subtotal, rounded half up), summed; no tax. check.ts recomputes them with quote().
"""
import json
from pathlib import Path

HERE = Path(__file__).parent
CATALOG = json.loads((HERE / "catalog.json").read_text())
PRODUCTS = {p["id"]: p for p in CATALOG["products"]}

T = "prod-studded-winter-tyre"   # per tyre, RUB 7 900, 4+: 5%, 12+: 8%
F = "svc-tyre-fitting"           # per wheel, RUB 650, 8+: 10%, 16+: 15%
O = "prod-synthetic-oil"         # per litre, RUB 1 150, 20+: 10%
A = "svc-wheel-alignment"        # per axle, RUB 1 800
W = "prod-forged-wheel-set"      # per set, EUR 1 249.90, 2+: 5%

ASK = "ask"
NIC = "nic"

RU = [
    # digits / no quantity
    ("digits", "Здравствуйте! Сколько будет стоить 4 зимние шипованные шины?", [(T, 4)]),
    ("digits", "Шиномонтаж с балансировкой 2 колеса — цена?", [(F, 2)]),
    ("no-quantity", "Почём у вас синтетическое моторное масло 5W-30?", [(O, 1)]),
    # numbers in words, cases and genders
    ("number-words", "Добрый день, нужно шесть литров синтетического масла, сколько выйдет?", [(O, 6)]),
    ("number-words", "Сколько стоит развал-схождение на одну ось?", [(A, 1)]),
    ("number-words", "Посчитайте, пожалуйста, шиномонтаж для двенадцати колёс, у нас три машины", [(F, 12)]),
    ("number-words", "Мне нужна двадцать одна зимняя шина, шипованная, для автопарка", [(T, 21)]),
    ("number-words", "С шестнадцатью колёсами шиномонтаж сколько будет? Балансировка тоже нужна", [(F, 16)]),
    ("number-words", "Какая цена за сорок литров моторного масла синтетического?", [(O, 40)]),
    ("number-words", "Пробил колесо, нужен шиномонтаж с балансировкой только одного колеса, сколько?", [(F, 1)]),
    # collective and approximate
    ("collective-approx", "Пару шипованных шин сколько стоит? Две задние менять", [(T, 2)]),
    ("collective-approx", "Десяток колёс на шиномонтаж примете? Сколько по деньгам", [(F, 10)]),
    ("collective-approx", "Полтора десятка зимних шипованных шин для таксопарка, какая цена?", [(T, 15)]),
    ("collective-approx", "Около 30 литров синтетического масла нужно на все машины, посчитайте", [(O, 30)]),
    ("collective-approx", "Литров двадцать моторного масла 5W-30 возьмём, сколько выйдет?", [(O, 20)]),
    ("collective-approx", "Регулировка развала-схождения на обе оси — почём?", [(A, 2)]),
    ("collective-approx", "Полсотни литров синтетического масла для сервиса партнёров — цена?", [(O, 50)]),
    # units in other forms and abbreviations
    ("units", "масло синтетическое 5w-30, 8 л, цена?", [(O, 8)]),
    ("units", "Шиномонтаж 4 кол. + балансировка, сколько?", [(F, 4)]),
    ("units", "Сколько стоит развал-схождение 2-х осей?", [(A, 2)]),
    ("units", "Шины зимние шипованные 4шт цена", [(T, 4)]),
    ("units", "Развал-схождение только передней оси сколько стоит?", [(A, 1)]),
    # words between the number and the product
    ("words-between", "Хотим сдать на шиномонтаж 8 колёс с двух наших машин, балансировка нужна. Сколько?", [(F, 8)]),
    ("words-between", "Нужно пять штук, с запаской, зимних шипованных шин", [(T, 5)]),
    ("words-between", "Возьму 12 литров, если не ошибаюсь, синтетического моторного масла", [(O, 12)]),
    # several products in one message
    ("several-products", "Нужно 4 зимние шипованные шины и шиномонтаж с балансировкой на 4 колеса. Сколько всего?", [(T, 4), (F, 4)]),
    ("several-products", "Посчитайте пять литров синтетического масла и развал-схождение двух осей", [(O, 5), (A, 2)]),
    ("several-products", "Восемь шипованных шин, шиномонтаж восьми колёс и полтора десятка литров масла 5W-30 — итог?", [(T, 8), (F, 8), (O, 15)]),
    ("several-products", "Для четырёх машин: шестнадцать зимних шин с шипами плюс шиномонтаж шестнадцати колёс. Общая сумма?", [(T, 16), (F, 16)]),
    ("several-products", "Мне одну ось на развал-схождение и 4 литра синтетического масла", [(A, 1), (O, 4)]),
    ("several-products", "Пару шин шипованных и шиномонтаж двух колёс", [(T, 2), (F, 2)]),
    # plurals of multi-word names
    ("multiword-plural", "Сколько стоят зимние шипованные шины, если брать двенадцать?", [(T, 12)]),
    ("multiword-plural", "Цена трёх комплектов кованых дисков?", [(W, 3)]),
    ("multiword-plural", "Нужны два комплекта кованых дисков, какая цена в евро?", [(W, 2)]),
    ("eur", "Комплект кованых дисков сколько стоит?", [(W, 1)]),
    # typos
    ("typos", "скока стоят зимнии шиповоные шыны 4 штуки", [(T, 4)]),
    ("typos", "шиномантаж с балансеровкой на шесть колес", [(F, 6)]),
    ("typos", "масло синтитическое моторное дисять литров", [(O, 10)]),
    ("typos", "развал схождения адна ось цена", [(A, 1)]),
    # distractor numbers
    ("distractor-numbers", "Добрый день! Машина Kia Rio 2016 года, двигатель 1.6. Нужно 4 шипованные зимние шины 185/65 R15, сколько?", [(T, 4)]),
    ("distractor-numbers", "Запишите на 14 декабря, номер машины А123ВС 777: шиномонтаж с балансировкой четырёх колёс. Цена?", [(F, 4)]),
    ("distractor-numbers", "Мой телефон +7 916 555-12-34, перезвоните. Хочу развал-схождение 2 осей", [(A, 2)]),
    ("distractor-numbers", "По заказу № 4817 хочу добавить 6 литров синтетического моторного масла, сколько доплатить?", [(O, 6)]),
    ("distractor-numbers", "Приедем с Ленина 45 на двух машинах, надо 8 шипованных шин 225/45 R17", [(T, 8)]),
    ("distractor-numbers", "Бюджет 40 000 ₽, хватит на 5 зимних шипованных шин?", [(T, 5)]),
    # just below a volume tier
    ("tiers", "Если брать 3 шипованные шины, скидка будет?", [(T, 3)]),
    ("tiers", "Сколько за 19 литров синтетического моторного масла?", [(O, 19)]),
    ("tiers", "Шиномонтаж с балансировкой, семь колёс", [(F, 7)]),
    # the quantity cannot be known: ask back
    ("ask-back", "Сколько стоит зимняя шипованная резина на всю нашу автоколонну?", ASK),
    ("ask-back", "Синтетического масла сколько пойдёт в мотор 2.0, столько и посчитайте", ASK),
    ("ask-back", "Хотим несколько комплектов кованых дисков, какая цена?", ASK),
    ("ask-back", "Шиномонтаж с балансировкой на пару-тройку машин, сколько это?", ASK),
    ("ask-back", "Нужно от 10 до 15 шипованных шин, сколько выйдет?", ASK),
    # not sold
    ("not-in-catalog", "Сколько стоит мойка кузова с воском?", NIC),
    ("not-in-catalog", "Есть аккумулятор 60 Ач для Лады? Цена", NIC),
    ("not-in-catalog", "Замена лобового стекла на Камри 2019 сколько стоит?", NIC),
    ("not-in-catalog", "Заправка кондиционера, 500 грамм фреона — почём?", NIC),
]

EN = [
    ("digits", "Hi, what do 4 Studded Winter Tyres cost?", [(T, 4)]),
    ("digits", "How much is Tyre Fitting and Balancing for 2 wheels?", [(F, 2)]),
    ("no-quantity", "What's the price of your wheel alignment?", [(A, 1)]),
    ("number-words", "I need nine litres of the synthetic engine oil, what's the total?", [(O, 9)]),
    ("number-words", "Tyre fitting and balancing for twelve wheels please, how much?", [(F, 12)]),
    ("number-words", "Quote me twenty-five studded winter tyres", [(T, 25)]),
    ("number-words", "Can I get a price for three sets of the forged alloy wheels?", [(W, 3)]),
    ("number-words", "Price for sixteen wheels of tyre fitting and balancing?", [(F, 16)]),
    ("number-words", "We'd need forty-five litres of synthetic engine oil", [(O, 45)]),
    ("collective-approx", "A couple of studded winter tyres, how much?", [(T, 2)]),
    ("collective-approx", "Two dozen studded winter tyres for our delivery vans - price?", [(T, 24)]),
    ("collective-approx", "A dozen and a half wheels to fit and balance, what would that come to?", [(F, 18)]),  # a dozen and a half is 18 (erratum, see README)
    ("collective-approx", "~60 litres of 5W-30 synthetic oil for the fleet, total please", [(O, 60)]),
    ("collective-approx", "Alignment on both axles, what's the cost?", [(A, 2)]),
    ("collective-approx", "About 30 litres of the synthetic engine oil, roughly what's the price?", [(O, 30)]),
    ("collective-approx", "a dozen tyres, the studded winter ones", [(T, 12)]),
    ("units", "synthetic engine oil 5w30 7 ltr price?", [(O, 7)]),
    ("units", "Tyre fitting & balancing x4 wheels", [(F, 4)]),
    ("units", "wheel alignment, 2 axles", [(A, 2)]),
    ("words-between", "I need 4 of your cheapest studded winter tyres", [(T, 4)]),
    ("words-between", "Could you do tyre fitting and balancing on 6 of the wheels from our two cars?", [(F, 6)]),
    ("words-between", "How much for 5 litres, give or take, of synthetic engine oil?", [(O, 5)]),
    ("several-products", "4 studded winter tyres plus tyre fitting and balancing for 4 wheels, what's the total?", [(T, 4), (F, 4)]),
    ("several-products", "Six litres of synthetic engine oil and an alignment on one axle", [(O, 6), (A, 1)]),
    ("several-products", "We want 8 studded winter tyres, fitting and balancing for 8 wheels and 20 litres of synthetic oil", [(T, 8), (F, 8), (O, 20)]),
    ("several-products", "three studded winter tyres, fitting for three wheels and alignment on both axles", [(T, 3), (F, 3), (A, 2)]),
    ("several-products", "Twelve studded winter tyres and twelve wheels fitted & balanced", [(T, 12), (F, 12)]),
    ("multiword-plural", "How much are Forged Alloy Wheel Sets? We need two.", [(W, 2)]),
    ("multiword-plural", "Price for 10 Studded Winter Tyres", [(T, 10)]),
    ("multiword-plural", "We run trucks: what would Wheel Alignments on 3 axles cost?", [(A, 3)]),
    ("eur", "Forged alloy wheel set price?", [(W, 1)]),
    ("typos", "how much for 4 studed winter tires", [(T, 4)]),
    ("typos", "tyre fiting and balancng for 5 wheels", [(F, 5)]),
    ("typos", "sinthetic engine oil, eleven liters", [(O, 11)]),
    ("typos", "wheel alignmnet for two axels", [(A, 2)]),
    ("distractor-numbers", "My car is a 2018 Skoda Octavia 1.4 TSI. I need 4 studded winter tyres 205/55 R16, what's the price?", [(T, 4)]),
    ("distractor-numbers", "Booking for Dec 19, plate B456KX 199: fitting and balancing of four wheels, how much?", [(F, 4)]),
    ("distractor-numbers", "Call me on +7 903 222 41 87. Price for alignment of 2 axles?", [(A, 2)]),
    ("distractor-numbers", "Order #5523: please add 8 litres of synthetic engine oil. How much extra?", [(O, 8)]),
    ("distractor-numbers", "We're at 12 Baker Street, unit 3. Need 6 studded winter tyres.", [(T, 6)]),
    ("distractor-numbers", "Budget is 100,000 rubles - how much would 12 studded winter tyres be?", [(T, 12)]),
    ("tiers", "Is there a discount on 11 studded winter tyres?", [(T, 11)]),
    ("tiers", "Just 7 wheels to fit and balance, price?", [(F, 7)]),
    ("tiers", "Synthetic engine oil, 20 litres - does that get a discount?", [(O, 20)]),
    ("ask-back", "How much would studded winter tyres for our whole taxi fleet cost?", ASK),
    ("ask-back", "Need synthetic engine oil for an oil change on a 2.5 litre engine, how much will it be?", ASK),
    ("ask-back", "A few forged alloy wheel sets, what's the price?", ASK),
    ("ask-back", "Tyre fitting and balancing for somewhere between 20 and 30 wheels", ASK),
    ("ask-back", "We need several studded winter tyres, price?", ASK),
    ("not-in-catalog", "How much is a full car wash and interior detailing?", NIC),
    ("not-in-catalog", "Do you sell car batteries, 70Ah? Price?", NIC),
    ("not-in-catalog", "Price to tow my car 15 km to your shop?", NIC),
    ("not-in-catalog", "What do you charge for replacing 4 brake pads?", NIC),
]

DIGITS = {"RUB": 2, "EUR": 2}


def line_total_minor(pid: str, qty: int):
    p = PRODUCTS[pid]
    price = p["prices"][0]
    cur = price["currency"]
    unit = round(price["amount"] * 10 ** DIGITS[cur])
    amount = unit * qty
    tiers = [d for d in p.get("discounts", []) if d.get("minQuantity", 1) <= qty]
    if tiers:
        best = max(tiers, key=lambda d: (d.get("minQuantity", 1), d["percent"]))
        bp = round(best["percent"] * 100)
        off = (amount * bp * 2 + 10_000) // 20_000
        amount -= off
    return cur, amount


def expect_of(lines):
    if lines == ASK:
        return {"askBack": True}
    if lines == NIC:
        return {"notInCatalog": True}
    currencies = set()
    total = 0
    for pid, qty in lines:
        cur, minor = line_total_minor(pid, qty)
        currencies.add(cur)
        total += minor
    assert len(currencies) == 1, lines
    cur = currencies.pop()
    major = total / 10 ** DIGITS[cur]
    if major == int(major):
        major = int(major)
    return {"lines": [{"product": pid, "qty": qty} for pid, qty in lines], "total": major, "currency": cur}


def write(lang: str, rows):
    out = []
    for i, (cls, text, lines) in enumerate(rows, 1):
        out.append({"id": f"q9-{lang}-{i:02d}", "class": cls, "text": text, "expect": expect_of(lines)})
    (HERE / f"questions-{lang}.jsonl").write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in out), encoding="utf-8"
    )
    return out


if __name__ == "__main__":
    from collections import Counter

    for lang, rows in (("ru", RU), ("en", EN)):
        out = write(lang, rows)
        c = Counter(r["class"] for r in out)
        print(lang, len(out), dict(c))
