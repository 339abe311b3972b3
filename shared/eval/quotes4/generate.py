#!/usr/bin/env python3
"""Writes questions-ru.jsonl / questions-en.jsonl of set 4 (issue 61) from the rows below.

The sentences are written by hand, one by one; this script only computes each expected total from the
(product, quantity) pairs given with the sentence and catalog.json: per line the unit price x quantity in
minor units, the highest volume tier reached (percent of the subtotal, rounded half up), no tax; the lines
summed. Run: python3 generate.py (from this folder).
"""
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
CATALOG = json.load(open(os.path.join(HERE, "catalog.json"), encoding="utf-8"))
P = {p["id"]: p for p in CATALOG["products"]}
SHORT = {
    "dj": "prod-dj-service",
    "chair": "prod-folding-chair",
    "led": "prod-led-screen",
    "booth": "prod-photo-booth",
    "tent": "prod-banquet-tent",
    "ice": "prod-dry-ice",
}


def line_minor(pid, qty):
    p = P[pid]
    price = p["prices"][0]
    unit = round(price["amount"] * 100)
    sub = unit * qty
    tiers = [d for d in p.get("discounts", []) if d.get("minQuantity", 1) <= qty]
    if tiers:
        d = max(tiers, key=lambda d: (d.get("minQuantity", 1), d["percent"]))
        bp = round(d["percent"] * 100)
        off = (sub * bp * 2 + 10000) // 20000
        sub -= off
    return sub, price["currency"]


def expect(spec):
    if spec == "ask":
        return {"askBack": True}
    if spec == "not":
        return {"notInCatalog": True}
    lines, total, cur = [], 0, None
    for short, qty in spec:
        pid = SHORT[short]
        minor, c = line_minor(pid, qty)
        assert cur in (None, c), f"mixed currencies in {spec}"
        cur = c
        total += minor
        lines.append({"product": pid, "qty": qty})
    t = total / 100
    return {"lines": lines, "total": int(t) if t == int(t) else t, "currency": cur}


# (class, text, spec): spec is [(product, qty), ...], "ask" (must ask how many) or "not" (not sold).
RU = [
    ("digits", "Здравствуйте! Нужно 40 складных стульев, сколько выйдет?", [("chair", 40)]),
    ("digits", "Сколько стоит фотобудка?", [("booth", 1)]),
    ("digits", "Подскажите цену на услуги диджея", [("dj", 1)]),
    ("digits", "а сухой лёд почём у вас?", [("ice", 1)]),
    ("number-words", "Нам нужно тридцать пять складных стульев на выпускной", [("chair", 35)]),
    ("number-words", "Сколько будет стоить двадцать килограммов сухого льда?", [("ice", 20)]),
    ("number-words", "Диджей на шесть часов, какая стоимость?", [("dj", 6)]),
    ("number-words", "Посчитайте, пожалуйста, аренду банкетного шатра на пять суток", [("tent", 5)]),
    ("number-words", "Интересует светодиодный экран на шестнадцать квадратных метров", [("led", 16)]),
    ("number-words", "Хотим фотобудку с печатью на три часа, сколько это?", [("booth", 3)]),
    ("number-words", "Сколько стоят сто двадцать складных стульев?", [("chair", 120)]),
    ("number-words", "Стоимость диджея на восемь часов?", [("dj", 8)]),
    ("number-words", "Банкетный шатёр нужен на семь суток, какая цена?", [("tent", 7)]),
    ("number-words", "пятнадцать кило сухого льда сколько стоит", [("ice", 15)]),
    ("number-words", "Сколько за двенадцать квадратов светодиодного экрана?", [("led", 12)]),
    ("number-words", "Обеспечите нас шестьюдесятью складными стульями? Сколько это будет стоить?", [("chair", 60)]),
    ("number-words", "Сколько стоит аренда экрана площадью двадцать четыре квадратных метра?", [("led", 24)]),
    ("number-words", "Нужна цена для двухсот складных стульев", [("chair", 200)]),
    ("collective-approx", "Нужна пара складных стульев для ведущих", [("chair", 2)]),
    ("collective-approx", "полсотни складных стульев на свадьбу — во сколько обойдётся?", [("chair", 50)]),
    ("collective-approx", "десяток килограммов сухого льда, сколько?", [("ice", 10)]),
    ("collective-approx", "Нужен диджей на пару часов", [("dj", 2)]),
    ("collective-approx", "около сотни складных стульев нужно, посчитайте", [("chair", 100)]),
    ("collective-approx", "Дюжина складных стульев сколько стоит?", [("chair", 12)]),
    ("collective-approx", "около 30 кв. м светодиодного экрана, какая цена?", [("led", 30)]),
    ("collective-approx", "Банкетный шатёр на трое суток", [("tent", 3)]),
    ("collective-approx", "Возьмём банкетный шатёр на пару дней, сколько это?", [("tent", 2)]),
    ("collective-approx", "Два десятка складных стульев на дачный праздник", [("chair", 20)]),
    ("words-between", "Нам бы 5 часов работы диджея на корпоратив", [("dj", 5)]),
    ("words-between", "Сколько будет 4 часа аренды фотобудки?", [("booth", 4)]),
    ("words-between", "20 квадратных метров светодиодного экрана для сцены — сколько?", [("led", 20)]),
    ("words-between", "25 кг сухого льда для эффекта дыма на первый танец", [("ice", 25)]),
    ("words-between", "Нужно 4 суток аренды банкетного шатра", [("tent", 4)]),
    ("words-between", "80 штук ваших белых складных стульев сколько будет?", [("chair", 80)]),
    ("several-products", "Нужны 60 складных стульев и диджей на 5 часов", [("chair", 60), ("dj", 5)]),
    ("several-products", "Банкетный шатёр на двое суток и тридцать складных стульев, посчитайте итог", [("tent", 2), ("chair", 30)]),
    ("several-products", "Светодиодный экран 12 кв. м и фотобудка на 3 часа", [("led", 12), ("booth", 3)]),
    ("several-products", "диджей на четыре часа плюс 10 кг сухого льда", [("dj", 4), ("ice", 10)]),
    ("several-products", "сорок складных стульев, шатёр на сутки и диджей на три часа — сколько всего?", [("chair", 40), ("tent", 1), ("dj", 3)]),
    ("multiword-plural", "Сколько стоят складные стулья, если взять 70?", [("chair", 70)]),
    ("multiword-plural", "Аренда банкетного шатра на 6 суток — сколько?", [("tent", 6)]),
    ("multiword-plural", "Светодиодные экраны: нужно 14 кв. м", [("led", 14)]),
    ("multiword-plural", "Фотобудку с печатью на 5 часов можно заказать? Цена?", [("booth", 5)]),
    ("inverted", "Складные стулья — 90 шт.", [("chair", 90)]),
    ("inverted", "Сухой лёд, 30 кг, сколько будет?", [("ice", 30)]),
    ("inverted", "Услуги диджея: 10 часов", [("dj", 10)]),
    ("typos", "скаладных стульев 25 штук нужно", [("chair", 25)]),
    ("typos", "диджэй на семь чаов сколько", [("dj", 7)]),
    ("typos", "сухого лдьа 12 кг почем", [("ice", 12)]),
    ("typos", "свктодиодный экран 10 кв м", [("led", 10)]),
    ("per-unit-vs-total", "Какая цена за стул, если брать 110 складных стульев?", [("chair", 110)]),
    ("per-unit-vs-total", "Сколько стоит час работы диджея?", [("dj", 1)]),
    ("per-unit-vs-total", "Почём квадратный метр экрана при заказе 25 кв. м?", [("led", 25)]),
    ("tiers", "49 складных стульев сколько будет стоить?", [("chair", 49)]),
    ("tiers", "Нужен диджей ровно на 3 часа", [("dj", 3)]),
    ("tiers", "Банкетный шатёр на 2 суток, цена?", [("tent", 2)]),
    ("tiers", "19 кг сухого льда", [("ice", 19)]),
    ("tiers", "Светодиодный экран 23 кв. м, посчитайте", [("led", 23)]),
    ("ask-back", "Нужны складные стулья на всех гостей, сколько стоит?", "ask"),
    ("ask-back", "диджей часа на три-четыре, сколько выйдет?", "ask"),
    ("ask-back", "Сухой лёд нужен, сколько кг — пока не знаем. Посчитаете?", "ask"),
    ("ask-back", "Стульев складных штук 50-60, почём?", "ask"),
    ("ask-back", "Банкетный шатёр на несколько дней, сколько будет стоить?", "ask"),
    ("ask-back", "Сколько будет стоить светодиодный экран на всю стену зала?", "ask"),
    ("not-in-catalog", "Сколько стоит аренда дизельного генератора на день?", "not"),
    ("not-in-catalog", "Есть у вас фейерверки? Нужно 20 штук", "not"),
    ("not-in-catalog", "Почём живая кавер-группа на 3 часа?", "not"),
    ("not-in-catalog", "Нужен ведущий на свадьбу на пять часов, какая цена?", "not"),
    ("distractor-numbers", "Свадьба 14 августа, нужно 70 складных стульев", [("chair", 70)]),
    ("distractor-numbers", "Праздник на 3 этаже ресторана, нужен диджей на 6 часов", [("dj", 6)]),
    ("distractor-numbers", "Бюджет 50 000 рублей, хотим 10 кг сухого льда — сколько это?", [("ice", 10)]),
    ("distractor-numbers", "По заказу №4471 добавьте фотобудку на 2 часа, сколько это стоит?", [("booth", 2)]),
    ("implied", "Складные стулья на двадцать пять гостей, каждому по стулу", [("chair", 25)]),
    ("implied", "Складные стулья: 6 столов по 8 человек", [("chair", 48)]),
    ("implied", "Диджей с 18:00 до 23:00, сколько будет стоить?", [("dj", 5)]),
]

EN = [
    ("digits", "Hi! How much for 40 folding chairs?", [("chair", 40)]),
    ("digits", "What does the photo booth cost?", [("booth", 1)]),
    ("digits", "price of your DJ service?", [("dj", 1)]),
    ("digits", "Need 15 folding chairs for a meeting, what's the total?", [("chair", 15)]),
    ("number-words", "We need thirty-five folding chairs for the graduation", [("chair", 35)]),
    ("number-words", "How much would twenty kilograms of dry ice be?", [("ice", 20)]),
    ("number-words", "DJ for six hours, what's the cost?", [("dj", 6)]),
    ("number-words", "Please quote the banquet tent for five days", [("tent", 5)]),
    ("number-words", "LED screen of sixteen square meters, price?", [("led", 16)]),
    ("number-words", "photo booth for three hours please, how much?", [("booth", 3)]),
    ("number-words", "One hundred twenty folding chairs — how much?", [("chair", 120)]),
    ("number-words", "DJ service for eight hours, total?", [("dj", 8)]),
    ("number-words", "How much is the banquet tent for seven days?", [("tent", 7)]),
    ("number-words", "fifteen kg of dry ice, how much", [("ice", 15)]),
    ("number-words", "Twelve square metres of LED screen — price?", [("led", 12)]),
    ("number-words", "Sixty Folding Chairs for a conference", [("chair", 60)]),
    ("number-words", "we need two hundred folding chairs, what would that cost", [("chair", 200)]),
    ("collective-approx", "a couple of folding chairs for the hosts", [("chair", 2)]),
    ("collective-approx", "two dozen folding chairs, how much?", [("chair", 24)]),
    ("collective-approx", "a dozen kilos of dry ice please", [("ice", 12)]),
    ("collective-approx", "about 40 square meters of LED screen, what's the price?", [("led", 40)]),
    ("collective-approx", "around a hundred folding chairs", [("chair", 100)]),
    ("collective-approx", "DJ for a couple of hours, how much?", [("dj", 2)]),
    ("collective-approx", "the photo booth for a couple hours", [("booth", 2)]),
    ("collective-approx", "a dozen and a half folding chairs", [("chair", 18)]),
    ("collective-approx", "half a dozen hours of DJ service, price?", [("dj", 6)]),
    ("words-between", "5 hours of DJ service for our office party", [("dj", 5)]),
    ("words-between", "We'd like 4 hours of photo booth rental", [("booth", 4)]),
    ("words-between", "20 square meters of LED screen for the stage, price?", [("led", 20)]),
    ("words-between", "25 kg of dry ice for a fog effect at the first dance", [("ice", 25)]),
    ("words-between", "4 days of banquet tent rental, how much?", [("tent", 4)]),
    ("words-between", "80 of your white folding chairs", [("chair", 80)]),
    ("several-products", "60 folding chairs and a DJ for 5 hours", [("chair", 60), ("dj", 5)]),
    ("several-products", "banquet tent for two days plus thirty folding chairs, total please", [("tent", 2), ("chair", 30)]),
    ("several-products", "LED screen 12 sq m and photo booth for 3 hours", [("led", 12), ("booth", 3)]),
    ("several-products", "DJ for four hours and 10 kg of dry ice", [("dj", 4), ("ice", 10)]),
    ("several-products", "forty folding chairs, the banquet tent for one day and a DJ for 3 hours — how much in total?", [("chair", 40), ("tent", 1), ("dj", 3)]),
    ("multiword-plural", "How much are Folding Chairs if we take 70?", [("chair", 70)]),
    ("multiword-plural", "Do you rent Banquet Tents? We need one for 6 days", [("tent", 6)]),
    ("multiword-plural", "LED Screens: need 14 sq m", [("led", 14)]),
    ("multiword-plural", "Do you have Photo Booths? We'd need one for 5 hours, price?", [("booth", 5)]),
    ("inverted", "Folding chairs — 90 pcs", [("chair", 90)]),
    ("inverted", "Dry ice, 30 kg, how much?", [("ice", 30)]),
    ("inverted", "DJ service: 10 hours", [("dj", 10)]),
    ("typos", "25 foldng chiars pls", [("chair", 25)]),
    ("typos", "dj for sevn hours how much", [("dj", 7)]),
    ("typos", "12 kg of dri ice", [("ice", 12)]),
    ("typos", "10 sq m of LED screan", [("led", 10)]),
    ("per-unit-vs-total", "What's the price per chair if we rent 110 folding chairs?", [("chair", 110)]),
    ("per-unit-vs-total", "What's your hourly rate for a DJ?", [("dj", 1)]),
    ("per-unit-vs-total", "Price per square meter if we order 25 sq m of LED screen?", [("led", 25)]),
    ("tiers", "49 folding chairs, how much?", [("chair", 49)]),
    ("tiers", "a DJ for exactly 3 hours", [("dj", 3)]),
    ("tiers", "banquet tent for 2 days, price?", [("tent", 2)]),
    ("tiers", "19 kg of dry ice", [("ice", 19)]),
    ("tiers", "LED screen 23 sq m, please quote", [("led", 23)]),
    ("ask-back", "Folding chairs for all our guests, how much?", "ask"),
    ("ask-back", "a DJ for three or four hours, what would it cost?", "ask"),
    ("ask-back", "We need some dry ice, not sure how much yet. Price?", "ask"),
    ("ask-back", "50-60 folding chairs, how much?", "ask"),
    ("ask-back", "the banquet tent for a few days, how much?", "ask"),
    ("ask-back", "How much for an LED screen covering the whole back wall of the hall?", "ask"),
    ("not-in-catalog", "How much is a diesel generator rental for a day?", "not"),
    ("not-in-catalog", "Do you sell fireworks? We need 20", "not"),
    ("not-in-catalog", "Price for a live cover band for 3 hours?", "not"),
    ("not-in-catalog", "We need a wedding host for five hours, what's your rate?", "not"),
    ("distractor-numbers", "Wedding on August 14, we need 70 folding chairs", [("chair", 70)]),
    ("distractor-numbers", "Party on the 3rd floor of the restaurant, DJ needed for 6 hours", [("dj", 6)]),
    ("distractor-numbers", "Our budget is 50,000 rubles, we want 10 kg of dry ice — how much is it?", [("ice", 10)]),
    ("distractor-numbers", "Order #4471: please add the photo booth for 2 hours, what does that cost?", [("booth", 2)]),
    ("implied", "Folding chairs for twenty-five guests, one each", [("chair", 25)]),
    ("implied", "Folding chairs: 6 tables of 8 people", [("chair", 48)]),
    ("implied", "DJ from 6 pm to 11 pm, how much?", [("dj", 5)]),
]


def write(rows, lang):
    path = os.path.join(HERE, f"questions-{lang}.jsonl")
    with open(path, "w", encoding="utf-8") as f:
        for i, (cls, text, spec) in enumerate(rows, 1):
            row = {"id": f"b4-{lang}-{i:02d}", "class": cls, "text": text, "expect": expect(spec)}
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    return len(rows)


if __name__ == "__main__":
    texts = [t for _, t, _ in RU + EN]
    assert len(texts) == len(set(texts)), "duplicate sentence"
    print("ru", write(RU, "ru"), "en", write(EN, "en"))
