#!/usr/bin/env python3
"""quotes7: writes catalog.json, questions-ru.jsonl, questions-en.jsonl from the rows below.

Each row: (class, text, expect) where expect is a list of (product id, qty), "ask" or "nic".
Totals: per line unit price in minor units x qty, the highest volume tier reached, percent of the
minor-unit amount rounded half up (as money.ts), no tax. Currency = the line products' currency.
"""
import json, os

HERE = os.path.dirname(os.path.abspath(__file__))

CATALOG = {
    "currency": "RUB",
    "products": [
        {
            "id": "svc-apartment-cleaning", "sku": "CLN-APT-M2", "name": "General Apartment Cleaning",
            "names": {"ru": "Генеральная уборка квартиры", "en": "General Apartment Cleaning"},
            "descriptions": {
                "ru": "Генеральная уборка квартиры: полы, пыль, кухня, санузел, балкон; цена за квадратный метр площади, выезд бригады из 2–3 человек.",
                "en": "General cleaning of an apartment: floors, dusting, kitchen, bathroom, balcony; priced per square metre of floor, a team of 2–3 cleaners.",
            },
            "kind": "service", "unit": "sq m", "units": {"ru": "кв. м", "en": "sq m"}, "category": "Cleaning",
            "prices": [{"currency": "RUB", "amount": 120}],
            "discounts": [{"minQuantity": 60, "percent": 5}, {"minQuantity": 150, "percent": 10}],
        },
        {
            "id": "svc-window-washing", "sku": "CLN-WIN-PC", "name": "Window Washing",
            "names": {"ru": "Мойка окон", "en": "Window Washing"},
            "descriptions": {
                "ru": "Мойка окна с двух сторон вместе с рамами и подоконником; цена за одно окно до 2 створок.",
                "en": "Washing of a window on both sides with frames and sill; priced per window of up to 2 sashes.",
            },
            "kind": "service", "unit": "window", "units": {"ru": "окно", "en": "window"}, "category": "Cleaning",
            "prices": [{"currency": "RUB", "amount": 450}],
            "discounts": [{"minQuantity": 10, "percent": 10}],
        },
        {
            "id": "svc-lawn-mowing", "sku": "GRD-MOW-SOT", "name": "Lawn Mowing",
            "names": {"ru": "Покос газона", "en": "Lawn Mowing"},
            "descriptions": {
                "ru": "Покос газона и травы триммером или газонокосилкой, сбор скошенной травы; цена за сотку (100 кв. м).",
                "en": "Mowing of lawn and grass with a trimmer or mower, clippings collected; priced per sotka (100 sq m).",
            },
            "kind": "service", "unit": "sotka", "units": {"ru": "сотка", "en": "sotka (100 sq m)"}, "category": "Garden",
            "prices": [{"currency": "RUB", "amount": 900}],
            "discounts": [{"minQuantity": 10, "percent": 10}, {"minQuantity": 30, "percent": 15}],
        },
        {
            "id": "svc-tree-removal", "sku": "GRD-TREE-PC", "name": "Tree Removal",
            "names": {"ru": "Спил деревьев", "en": "Tree Removal"},
            "descriptions": {
                "ru": "Спил дерева высотой до 15 м целиком или по частям, распил ствола на чурки; цена за одно дерево.",
                "en": "Felling of a tree up to 15 m tall, whole or in sections, trunk cut into logs; priced per tree.",
            },
            "kind": "service", "unit": "tree", "units": {"ru": "дерево", "en": "tree"}, "category": "Garden",
            "prices": [{"currency": "RUB", "amount": 3500}],
            "discounts": [{"minQuantity": 5, "percent": 5}],
        },
        {
            "id": "svc-garden-waste-removal", "sku": "GRD-WASTE-M3", "name": "Garden Waste Removal",
            "names": {"ru": "Вывоз садового мусора", "en": "Garden Waste Removal"},
            "descriptions": {
                "ru": "Погрузка и вывоз веток, листвы, травы и порубочных остатков; цена за кубический метр.",
                "en": "Loading and hauling away of branches, leaves, grass and cuttings; priced per cubic metre.",
            },
            "kind": "service", "unit": "cu m", "units": {"ru": "куб. м", "en": "cu m"}, "category": "Garden",
            "prices": [{"currency": "RUB", "amount": 1800}],
        },
        {
            "id": "rent-pressure-washer", "sku": "RNT-PWASH-D", "name": "Pressure Washer Rental",
            "names": {"ru": "Аренда мойки высокого давления", "en": "Pressure Washer Rental"},
            "descriptions": {
                "ru": "Аренда мойки высокого давления 150 бар со шлангом 10 м; цена за сутки, только в евро.",
                "en": "Rental of a 150 bar pressure washer with a 10 m hose; priced per day, in euros only.",
            },
            "kind": "service", "unit": "day", "units": {"ru": "сутки", "en": "day"}, "category": "Rental",
            "prices": [{"currency": "EUR", "amount": 45}],
            "discounts": [{"minQuantity": 3, "percent": 10}, {"minQuantity": 7, "percent": 20}],
        },
    ],
}

C, W, L, T, G, P = ("svc-apartment-cleaning", "svc-window-washing", "svc-lawn-mowing",
                    "svc-tree-removal", "svc-garden-waste-removal", "rent-pressure-washer")

RU = [
    # digits
    ("digits", "Сколько будет генеральная уборка квартиры 74 м2?", [(C, 74)]),
    ("digits", "Мойка окон 6 шт, цена?", [(W, 6)]),
    ("digits", "Сколько у вас стоит спил дерева?", [(T, 1)]),
    # number words in cases and genders
    ("number-words", "Нужна генеральная уборка квартиры на сорок восемь квадратов, сколько выйдет?", [(C, 48)]),
    ("number-words", "Посчитайте, пожалуйста, мойку двенадцати окон", [(W, 12)]),
    ("number-words", "Нужен спил трёх деревьев на участке, во сколько обойдётся?", [(T, 3)]),
    ("number-words", "Сколько возьмёте за покос газона на двадцати пяти сотках?", [(L, 25)]),
    ("number-words", "Вывоз садового мусора — шесть кубов, сколько по деньгам?", [(G, 6)]),
    ("number-words", "Аренда мойки высокого давления на двое суток почём?", [(P, 2)]),
    ("number-words", "Уборка квартиры площадью сто двадцать три квадратных метра, генеральная. Какая цена?", [(C, 123)]),
    ("number-words", "Генеральная уборка квартиры площадью в девяносто один квадратный метр — сколько это стоит?", [(C, 91)]),
    ("number-words", "Генеральная уборка квартиры на двадцать пять квадратов, сколько?", [(C, 25)]),
    ("number-words", "Мне бы окна помыть, их у меня одиннадцать. Сколько будет мойка окон?", [(W, 11)]),
    ("number-words", "С восемью окнами справитесь? Мойка окон сколько будет?", [(W, 8)]),
    ("number-words", "Покос газона, всего две сотки у дома, какая цена?", [(L, 2)]),
    # collective numerals, approximations
    ("collective-approx", "Покос газона, участок полсотни соток, сколько?", [(L, 50)]),
    ("collective-approx", "Спил деревьев: у нас их десяток, старые яблони, сколько выйдет?", [(T, 10)]),
    ("collective-approx", "Мойка окон, пару окон на балконе помыть, сколько?", [(W, 2)]),
    ("collective-approx", "Вывоз садового мусора, около 30 кубов набралось после расчистки", [(G, 30)]),
    ("collective-approx", "Полтора десятка деревьев надо спилить, сколько будет спил?", [(T, 15)]),
    ("collective-approx", "Аренда мойки высокого давления дней на пять, какая цена?", [(P, 5)]),
    ("collective-approx", "Окон у нас десятка три, мойка окон сколько выйдет?", [(W, 30)]),
    ("collective-approx", "Генеральная уборка квартиры, метров где-то восемьдесят квадратных", [(C, 80)]),
    # units in their forms
    ("units", "Покос газона 12 соток", [(L, 12)]),
    ("units", "Вывоз садового мусора 4 м3, сколько?", [(G, 4)]),
    ("units", "Генеральная уборка 55 кв.м., сколько стоит?", [(C, 55)]),
    ("units", "Мойку высокого давления в аренду на 3 дня можно? Сколько?", [(P, 3)]),
    ("units", "Покос газона, 8 сот., цена?", [(L, 8)]),
    ("units", "вывоз садового мусора 7 кубометров", [(G, 7)]),
    # words between the number and the product
    ("words-between", "Нужно 6 кубов веток и листвы вывезти, вывоз садового мусора сколько стоит?", [(G, 6)]),
    ("words-between", "9 окон на даче после зимы грязные, нужна мойка окон, сколько?", [(W, 9)]),
    ("words-between", "4 старых сухих дерева у забора, спил сколько будет стоить?", [(T, 4)]),
    # several products in one message
    ("several-products", "Покос газона 15 соток и вывоз садового мусора 3 куба, сколько всего?", [(L, 15), (G, 3)]),
    ("several-products", "Генеральная уборка квартиры 64 метра плюс мойка окон, окон пять", [(C, 64), (W, 5)]),
    ("several-products", "Спил двух деревьев и потом вывоз садового мусора, кубов пять получится", [(T, 2), (G, 5)]),
    ("several-products", "Уборка квартиры на семьдесят квадратов, мойка семи окон и ещё покос газона четыре сотки на даче", [(C, 70), (W, 7), (L, 4)]),
    # plural forms of multi-word names
    ("multiword-plural", "Почём у вас аренда моек высокого давления? Нужна на 4 суток", [(P, 4)]),
    ("multiword-plural", "Сколько стоят генеральные уборки квартир площадью 100 м2?", [(C, 100)]),
    # typos
    ("typos", "скока стоит генеральная уборка кваритры 52 квадрата", [(C, 52)]),
    ("typos", "покос газона дватцать соток сколька", [(L, 20)]),
    ("typos", "мойка окн 8 штук", [(W, 8)]),
    ("typos", "вывос садовго мусора 5 кубов", [(G, 5)]),
    # tiers: at and just below
    ("tiers", "Генеральная уборка квартиры 149 кв м", [(C, 149)]),
    ("tiers", "Мойка окон, ровно 10 окон", [(W, 10)]),
    ("tiers", "Аренда мойки высокого давления на неделю, 7 суток", [(P, 7)]),
    # distractor numbers
    ("distractor-numbers", "Здравствуйте, ул. Садовая 17, кв. 42. Нужна генеральная уборка квартиры 68 м2, тел. 8-916-555-23-41", [(C, 68)]),
    ("distractor-numbers", "Заказ №4471: добавьте мойку окон, 3 окна. Приезжайте 15 мая", [(W, 3)]),
    ("distractor-numbers", "Дача в СНТ «Ромашка», участок 214. Покос газона 6 соток, можно 12.06?", [(L, 6)]),
    ("distractor-numbers", "Спил деревьев, 2 дерева высотой метров 12, звонить после 18:00", [(T, 2)]),
    ("distractor-numbers", "Сможете приехать через пару часов? Нужен покос газона 5 соток", [(L, 5)]),
    # the unit differs from the catalog's (m² for a product sold by the sotka)
    ("unit-conversion", "Покос газона, площадь 800 м², сколько будет?", [(L, 8)]),
    # per-unit question: price of one
    ("per-unit", "Сколько стоит один квадратный метр генеральной уборки?", [(C, 1)]),
    # quantity unknown: ask back
    ("ask-back", "Сколько будет стоить генеральная уборка квартиры? Квартира трёхкомнатная.", "ask"),
    ("ask-back", "Нужно спилить несколько деревьев, сколько возьмёте за спил?", "ask"),
    ("ask-back", "Покос газона на всём участке, сколько?", "ask"),
    ("ask-back", "Вывоз садового мусора, куча большая, пару-тройку кубов или больше", "ask"),
    ("ask-back", "Мойка окон во всём доме, сколько выйдет?", "ask"),
    # not sold
    ("not-in-catalog", "Сколько стоит химчистка дивана?", "nic"),
    ("not-in-catalog", "Уборка снега с крыши, 120 м2, цена?", "nic"),
    ("not-in-catalog", "Корчевание пней, 3 пня, сколько?", "nic"),
    ("not-in-catalog", "Обработка участка от клещей 10 соток", "nic"),
]

EN = [
    ("digits", "How much for General Apartment Cleaning, 85 m2?", [(C, 85)]),
    ("digits", "Window washing for 4 windows please", [(W, 4)]),
    ("digits", "What's the price of lawn mowing?", [(L, 1)]),
    ("number-words", "I need general apartment cleaning for a flat of sixty-two square metres.", [(C, 62)]),
    ("number-words", "Could you quote tree removal for seven trees?", [(T, 7)]),
    ("number-words", "Garden waste removal, eleven cubic metres, what's the cost?", [(G, 11)]),
    ("number-words", "Pressure washer rental for four days, what would that cost?", [(P, 4)]),
    ("number-words", "Lawn mowing on a plot of thirty five sotka, how much?", [(L, 35)]),
    ("number-words", "How much is window washing for a hundred and twenty windows in our office building?", [(W, 120)]),
    ("number-words", "Tree removal for twenty-one trees along the fence", [(T, 21)]),
    ("collective-approx", "A couple of trees need to go, what's tree removal?", [(T, 2)]),
    ("collective-approx", "Window washing, two dozen windows", [(W, 24)]),
    ("collective-approx", "We manage a block; general apartment cleaning for all the flats comes to fifteen hundred square metres", [(C, 1500)]),
    ("collective-approx", "Garden waste removal, about 40 cubic metres after the storm", [(G, 40)]),
    ("collective-approx", "Apartment cleaning, general, ~60 sqm", [(C, 60)]),
    ("collective-approx", "Tree removal for half a dozen trees", [(T, 6)]),
    ("collective-approx", "Pressure washer rental for a couple of days", [(P, 2)]),
    ("units", "Lawn mowing 20 sotok", [(L, 20)]),
    ("units", "Garden waste removal 9 m³", [(G, 9)]),
    ("units", "general apartment cleaning 47 sq. m", [(C, 47)]),
    ("units", "window washing, 14 pcs", [(W, 14)]),
    ("units", "Pressure washer rental, 5 days", [(P, 5)]),
    ("units", "Garden waste removal, 3 cu m", [(G, 3)]),
    ("words-between", "We have 8 big dirty windows, can you quote window washing?", [(W, 8)]),
    ("words-between", "3 tall dead pine trees to take down, tree removal quote?", [(T, 3)]),
    ("words-between", "5 cubic metres of leaves and cut branches for garden waste removal", [(G, 5)]),
    ("several-products", "Quote me lawn mowing for 18 sotkas plus garden waste removal of 2 cubic metres", [(L, 18), (G, 2)]),
    ("several-products", "General apartment cleaning for 90 sqm and window washing for six windows", [(C, 90), (W, 6)]),
    ("several-products", "Tree removal x4 and garden waste removal x6 m3", [(T, 4), (G, 6)]),
    ("several-products", "Three things: tree removal for 2 trees, lawn mowing on 10 sotkas, and garden waste removal, about 4 cubic metres", [(T, 2), (L, 10), (G, 4)]),
    ("multiword-plural", "Do you do Tree Removals? We'd need 9.", [(T, 9)]),
    ("multiword-plural", "What do General Apartment Cleanings cost for 130 square meters?", [(C, 130)]),
    ("multiword-plural", "Garden Waste Removals, 12 cubic meters total", [(G, 12)]),
    ("typos", "how much for genral apartmnet cleaning 72 sqm", [(C, 72)]),
    ("typos", "lawn mowng for twelv sotkas", [(L, 12)]),
    ("typos", "tree remval, 5 trees", [(T, 5)]),
    ("typos", "pressure washr rental for thre days", [(P, 3)]),
    ("tiers", "Window washing for 9 windows", [(W, 9)]),
    ("tiers", "Pressure washer rental for 6 days", [(P, 6)]),
    ("tiers", "General apartment cleaning, exactly 150 square metres", [(C, 150)]),
    ("distractor-numbers", "Hi, order #20931. Please add window washing for 7 windows, 14 Baker Street, apt 305. Call +44 7700 900123", [(W, 7)]),
    ("distractor-numbers", "On June 14th we need tree removal for 3 trees; the plot is number 56", [(T, 3)]),
    ("distractor-numbers", "My phone is 555-0199. Lawn mowing for 9 sotka at 12 Oak Lane, please", [(L, 9)]),
    ("distractor-numbers", "Garden waste removal, 4 cubic meters. Budget is 10000 roubles, house 8", [(G, 4)]),
    ("unit-conversion", "Lawn mowing for a 600 m2 lawn", [(L, 6)]),
    ("per-unit", "What's the price per square metre of general apartment cleaning if it's 100 m2?", [(C, 100)]),
    ("ask-back", "How much would general apartment cleaning be for my flat?", "ask"),
    ("ask-back", "We have some trees to remove, what would tree removal cost?", "ask"),
    ("ask-back", "Garden waste removal for a pile of branches, maybe a few cubic metres?", "ask"),
    ("ask-back", "Window washing for all the windows in our house", "ask"),
    ("ask-back", "Pressure washer rental for the whole summer", "ask"),
    ("not-in-catalog", "How much is carpet shampooing for 30 sq m?", "nic"),
    ("not-in-catalog", "Do you do snow removal? Driveway is about 50 m2", "nic"),
    ("not-in-catalog", "Stump grinding for 4 stumps, price?", "nic"),
    ("not-in-catalog", "Hedge trimming, 25 metres of hedge", "nic"),
]

PRODUCTS = {p["id"]: p for p in CATALOG["products"]}


def percent_of(amount, bp):
    return (amount * bp * 2 + 10_000) // 20_000


def line_total(pid, qty):
    p = PRODUCTS[pid]
    price = p["prices"][0]
    unit = round(price["amount"] * 100)
    amount = unit * qty
    tiers = [d for d in p.get("discounts", []) if d.get("minQuantity", 1) <= qty]
    if tiers:
        best = max(tiers, key=lambda d: (d.get("minQuantity", 1), d["percent"]))
        amount -= percent_of(amount, round(best["percent"] * 100))
    return price["currency"], amount


def expect_of(exp):
    if exp == "ask":
        return {"askBack": True}
    if exp == "nic":
        return {"notInCatalog": True}
    total = 0
    currencies = set()
    for pid, qty in exp:
        cur, minor = line_total(pid, qty)
        currencies.add(cur)
        total += minor
    assert len(currencies) == 1, exp
    major = total / 100
    if major == int(major):
        major = int(major)
    return {"lines": [{"product": pid, "qty": q} for pid, q in exp], "total": major, "currency": currencies.pop()}


def write(lang, rows):
    with open(os.path.join(HERE, f"questions-{lang}.jsonl"), "w", encoding="utf-8") as f:
        for i, (cls, text, exp) in enumerate(rows, 1):
            row = {"id": f"q7-{lang}-{i:02d}", "class": cls, "text": text, "expect": expect_of(exp)}
            f.write(json.dumps(row, ensure_ascii=False) + "\n")


with open(os.path.join(HERE, "catalog.json"), "w", encoding="utf-8") as f:
    json.dump(CATALOG, f, ensure_ascii=False, indent=2)
    f.write("\n")
write("ru", RU)
write("en", EN)

from collections import Counter
for lang, rows in (("ru", RU), ("en", EN)):
    print(lang, len(rows), dict(Counter(r[0] for r in rows)))
