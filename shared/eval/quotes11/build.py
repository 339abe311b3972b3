#!/usr/bin/env python3
"""Price-question set 11 (issue 61): writes questions-ru.jsonl and questions-en.jsonl.

A moving and storage company (catalog.json). The sentences are hand-written one by one below, each
language on its own (not translations), with the (product, quantity) pairs each must be quoted for, or
ASK (the reply must ask how many) or NIC (not sold: no amount). Totals are computed here from
catalog.json by the pricing rules of shared/src/catalog/quote.ts (per line: unit price x quantity in
minor units, the highest volume tier the quantity reaches, that percentage of the minor-unit subtotal
rounded half up; no tax), and checked again with quote() by check.ts.
Run: python3 build.py && ../../../node_modules/.bin/tsx check.ts
"""
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
CAT = json.load(open(os.path.join(HERE, 'catalog.json'), encoding='utf-8'))
BY_ID = {p['id']: p for p in CAT['products']}

MOV = 'svc-movers'  # RUB 650 / mover-hour; 10+ 5%, 24+ 10%
TRUCK = 'svc-truck-driver'  # RUB 1500 / hour; 8+ 10%
BOX = 'prod-box-large'  # RUB 95 / pcs; 20+ 5%, 50+ 10%
WRAP = 'prod-bubble-wrap'  # RUB 42 / m; 100+ 10% (50 m to a roll)
STOR = 'svc-storage-unit'  # RUB 3400 / month; 6+ 10%, 12+ 20%
PACK = 'svc-packing'  # RUB 850 / m3; 20+ 7.5%
PIANO = 'svc-piano-moving'  # USD 189.50 / piano (USD only)

ASK = 'ask'
NIC = 'nic'

RU = [
    # digits before/after the product, or no quantity (price of one)
    ('digits', 'Здравствуйте, почём у вас большие картонные коробки?', [(BOX, 1)]),
    ('digits', 'Нужно 35 больших коробок, сколько выйдет?', [(BOX, 35)]),
    ('digits', 'грузовое такси с водителем 4 часа - цена?', [(TRUCK, 4)]),
    ('digits', 'Добрый день! Сколько стоит перевозка пианино?', [(PIANO, 1)]),
    # numbers in words, cases and genders
    ('number-words', 'Добрый вечер. Нам нужна складская ячейка на восемь месяцев, сколько это будет?', [(STOR, 8)]),
    ('number-words', 'Сколько будут стоить сорок больших коробок?', [(BOX, 40)]),
    ('number-words', 'Воздушно-пузырчатой плёнки нужно сто пятьдесят метров', [(WRAP, 150)]),
    ('number-words', 'Посчитайте упаковку вещей для двадцати двух кубометров', [(PACK, 22)]),
    ('number-words', 'Грузовое такси с водителем на одиннадцать часов, переезжаем за город', [(TRUCK, 11)]),
    ('number-words', 'Два пианино перевезти, сколько возьмёте?', [(PIANO, 2)]),
    # collective and approximate
    ('collective-approx', 'пару коробок больших докупить сколько стоит', [(BOX, 2)]),
    ('collective-approx', 'Нужен десяток больших коробок, не больше', [(BOX, 10)]),
    ('collective-approx', 'Полтора десятка картонных коробок, больших. Почём?', [(BOX, 15)]),
    ('collective-approx', 'Грузовое такси часа на три, сколько примерно выйдет?', [(TRUCK, 3)]),
    ('collective-approx', 'Плёнки пузырчатой около 60 метров надо', [(WRAP, 60)]),
    ('collective-approx', 'Полсотни больших коробок сколько будет?', [(BOX, 50)]),
    ('collective-approx', 'Нужен грузчик часов на пять, один человек', [(MOV, 5)]),
    # units written various ways
    ('units', 'Грузовое такси на 5 ч., сколько?', [(TRUCK, 5)]),
    ('units', 'Сколько стоит упаковка вещей, если у нас 18 кубов?', [(PACK, 18)]),
    ('units', 'Пузырчатая плёнка 40 м почем', [(WRAP, 40)]),
    ('units', 'Хотим складскую ячейку на 3 мес., цена?', [(STOR, 3)]),
    ('units', 'Упаковка вещей, объём 9 м³ — сколько?', [(PACK, 9)]),
    ('units', 'Машина с водителем нужна на 2 часа в субботу, сколько стоит?', [(TRUCK, 2)]),
    # words between the number and the product
    ('words-between', '3 часа работы одного грузчика сколько стоят?', [(MOV, 3)]),
    ('words-between', 'Нужно 12 ваших больших картонных коробок', [(BOX, 12)]),
    ('words-between', 'Посчитайте 30 метров вашей пузырчатой плёнки, пожалуйста', [(WRAP, 30)]),
    ('words-between', '4 месяца хранения в складской ячейке — какая цена?', [(STOR, 4)]),
    # several products in one message
    ('several-products', '25 больших коробок и 50 метров пузырчатой плёнки, сколько всего?', [(BOX, 25), (WRAP, 50)]),
    ('several-products', 'Нужен грузчик на 3 часа и грузовое такси на 3 часа, сколько вместе?', [(MOV, 3), (TRUCK, 3)]),
    ('several-products', 'Переезжаем из однушки: упаковка вещей 14 кубов, машина с водителем на 4 часа и 20 коробок', [(PACK, 14), (TRUCK, 4), (BOX, 20)]),
    ('several-products', 'коробки большие 60 шт + плёнка пузырчатая 120 м, посчитайте', [(BOX, 60), (WRAP, 120)]),
    ('several-products', 'Складская ячейка на полгода и ещё сорок коробок, чтобы туда всё сложить', [(STOR, 6), (BOX, 40)]),
    ('several-products', 'Посчитайте: упаковка 10 м³ и хранение в ячейке 2 месяца', [(PACK, 10), (STOR, 2)]),
    # plurals of multi-word names
    ('multiword-plural', 'Большие картонные коробки, 45 штук', [(BOX, 45)]),
    ('multiword-plural', 'Есть 70 больших картонных коробок в наличии? Возьмём все', [(BOX, 70)]),
    # typos
    ('typos', 'скока стоит груское такси с вадителем на 6 часов', [(TRUCK, 6)]),
    ('typos', 'каробки большие 22 штуки', [(BOX, 22)]),
    ('typos', 'пузырчитая пленка 80 метроф', [(WRAP, 80)]),
    ('typos', 'упоковка вешей 16 кубав', [(PACK, 16)]),
    # just below / at a tier
    ('tiers', 'А 19 больших коробок сколько будет?', [(BOX, 19)]),
    ('tiers', 'Нужно 49 больших коробок', [(BOX, 49)]),
    ('tiers', 'Пузырчатой плёнки 100 метров ровно', [(WRAP, 100)]),
    ('tiers', 'Машина с водителем на 7 часов, почём?', [(TRUCK, 7)]),
    ('tiers', 'Ячейка хранения на 12 месяцев, какая скидка будет?', [(STOR, 12)]),
    # distractor numbers
    ('distractor-numbers', 'Переезжаем 15 марта с 5 этажа на 2-й, дом без лифта. Нужно 30 больших коробок', [(BOX, 30)]),
    ('distractor-numbers', 'Мой номер +7 916 555-23-41, перезвоните. Грузовое такси на 3 часа сколько будет?', [(TRUCK, 3)]),
    ('distractor-numbers', 'Заказ №5817, хочу добавить 25 метров пузырчатой плёнки', [(WRAP, 25)]),
    ('distractor-numbers', 'Квартира 47, 9 этаж, пианино весит около 250 кг. Сколько стоит его перевезти?', [(PIANO, 1)]),
    ('distractor-numbers', 'У нас двушка 54 м², упаковка вещей 20 м³ — почём?', [(PACK, 20)]),
    ('distractor-numbers', 'Приезжайте к 10:00, нужна упаковка вещей на двенадцать кубометров', [(PACK, 12)]),
    # implied quantities (asking back is acceptable)
    ('implied', 'Нужно 2 грузчика на 3 часа, сколько это будет?', [(MOV, 6)]),
    ('implied', 'Три грузчика на четыре часа — сколько?', [(MOV, 12)]),
    ('implied', 'Грузовых такси с водителем нужно два, каждое на 5 часов', [(TRUCK, 10)]),
    ('implied', 'Пузырчатую плёнку возьмём 2 рулона', [(WRAP, 100)]),
    # the quantity cannot be known: ask back
    ('ask-back', 'Нам бы несколько больших коробок, сколько это стоит?', ASK),
    ('ask-back', 'Сколько нужно коробок на трёшку и сколько это будет стоить?', ASK),
    ('ask-back', 'Грузчики нужны на весь день, почём?', ASK),
    ('ask-back', 'Пузырчатой плёнки надо метров 50-70, посчитайте', ASK),
    ('ask-back', 'Хранение вещей в ячейке, пока не знаем на сколько, может на пару-тройку месяцев', ASK),
    # not sold here
    ('not-in-catalog', 'Вы продаёте скотч? Нужно 10 рулонов', NIC),
    ('not-in-catalog', 'Сколько стоит вывоз строительного мусора, мешков 20?', NIC),
    ('not-in-catalog', 'Есть у вас сборка-разборка шкафов? Шкафа два', NIC),
    ('not-in-catalog', 'Международный переезд в Казахстан, 20-футовый контейнер — цена?', NIC),
    ('not-in-catalog', 'Можно у вас арендовать прицеп к легковушке на 2 дня?', NIC),
]

EN = [
    # digits, or no quantity (price of one)
    ('digits', 'hi, how much is a large cardboard box?', [(BOX, 1)]),
    ('digits', "Need 45 large boxes, what's the total?", [(BOX, 45)]),
    ('digits', 'Truck with driver for 6 hours please, how much', [(TRUCK, 6)]),
    ('digits', 'What do you charge for piano moving?', [(PIANO, 1)]),
    # numbers in words
    ('number-words', 'Could you price twenty-five large cardboard boxes for me?', [(BOX, 25)]),
    ('number-words', 'We need twelve metres of bubble wrap, nothing fancy', [(WRAP, 12)]),
    ('number-words', 'storage unit for nine months, what would that come to', [(STOR, 9)]),
    ('number-words', 'How much would thirty-two cubic metres of packing be?', [(PACK, 32)]),
    ('number-words', "My mum has two pianos (don't ask). What's it cost to move both?", [(PIANO, 2)]),
    ('number-words', 'we need the truck with driver for ten hours', [(TRUCK, 10)]),
    # collective and approximate
    ('collective-approx', 'Just a couple of large boxes, how much?', [(BOX, 2)]),
    ('collective-approx', 'a dozen large cardboard boxes pls', [(BOX, 12)]),
    ('collective-approx', 'Half a dozen large boxes please', [(BOX, 6)]),
    ('collective-approx', 'bubble wrap, ~40 metres', [(WRAP, 40)]),
    ('collective-approx', "Packing service for about 15 m³, roughly what's the price?", [(PACK, 15)]),
    ('collective-approx', "We'd need the truck with driver for about 3 hours", [(TRUCK, 3)]),
    ('collective-approx', 'How much is a storage unit for a year?', [(STOR, 12)]),
    # units written various ways
    ('units', 'Truck w/ driver 2h', [(TRUCK, 2)]),
    ('units', 'truck and driver for 5 hrs on saturday morning', [(TRUCK, 5)]),
    ('units', 'bubble wrap 60m', [(WRAP, 60)]),
    ('units', 'Packing service, 11 m³', [(PACK, 11)]),
    ('units', 'Storage unit, 3 mo', [(STOR, 3)]),
    ('units', 'packing 8 cubic meters, how much', [(PACK, 8)]),
    # words between the number and the product
    ('words-between', '14 of your large boxes please', [(BOX, 14)]),
    ('words-between', "3 hours of one mover's time, what's that?", [(MOV, 3)]),
    ('words-between', 'Can I get 80 metres of your bubble wrap?', [(WRAP, 80)]),
    ('words-between', 'Five months of storage unit rental, how much?', [(STOR, 5)]),
    # several products in one message
    ('several-products', '30 large boxes and 50 m of bubble wrap', [(BOX, 30), (WRAP, 50)]),
    ('several-products', 'Hi! Moving out of a studio next week. I need packing for 9 cubic metres, a truck with driver for 3 hours and 20 large boxes. Total?', [(PACK, 9), (TRUCK, 3), (BOX, 20)]),
    ('several-products', 'one mover for 5 hours plus the truck with driver for 5 hours', [(MOV, 5), (TRUCK, 5)]),
    ('several-products', 'Storage unit for 4 months + 25 large cardboard boxes', [(STOR, 4), (BOX, 25)]),
    ('several-products', 'bubble wrap 150m and packing service 22 m3, what do I owe', [(WRAP, 150), (PACK, 22)]),
    ('several-products', 'How much for a dozen large boxes and twenty metres of bubble wrap?', [(BOX, 12), (WRAP, 20)]),
    # plurals of multi-word names
    ('multiword-plural', 'Price for 55 Large Cardboard Boxes?', [(BOX, 55)]),
    ('multiword-plural', 'Do you have Large Cardboard Boxes in stock? Need 18 of them', [(BOX, 18)]),
    # typos
    ('typos', 'how much for larg cardbord boxes x 40', [(BOX, 40)]),
    ('typos', 'trck with drivr for 4 hours', [(TRUCK, 4)]),
    ('typos', 'bubble wrapp 35 meters', [(WRAP, 35)]),
    ('typos', 'stroage unit for seven monthes', [(STOR, 7)]),
    ('typos', 'pianno moving, just the one', [(PIANO, 1)]),
    # just below / at a tier
    ('tiers', "what's 19 large boxes come to?", [(BOX, 19)]),
    ('tiers', "We'll take 50 large boxes", [(BOX, 50)]),
    ('tiers', 'truck with driver for 8 hours, full day basically', [(TRUCK, 8)]),
    ('tiers', 'packing for 19 m³', [(PACK, 19)]),
    ('tiers', '99 metres of bubble wrap', [(WRAP, 99)]),
    # distractor numbers
    ('distractor-numbers', "We're moving on the 21st from the 4th floor, no lift. 35 large boxes please", [(BOX, 35)]),
    ('distractor-numbers', 'call me on 07700 900123 - truck with driver, 4 hours, how much?', [(TRUCK, 4)]),
    ('distractor-numbers', 'Order 88213: add 10 metres of bubble wrap', [(WRAP, 10)]),
    ('distractor-numbers', 'Flat 12B, 6th floor. Our upright piano is about 230 kg. Price to move it?', [(PIANO, 1)]),
    ('distractor-numbers', 'Can your team come at 9:30? Packing service for 25 m3', [(PACK, 25)]),
    ('distractor-numbers', '3-bed house, 120 sqm. We need a storage unit for 2 months', [(STOR, 2)]),
    # implied quantities (asking back is acceptable)
    ('implied', '2 movers for 3 hours, how much?', [(MOV, 6)]),
    ('implied', 'three movers for a 4 hour job', [(MOV, 12)]),
    ('implied', 'Two trucks with drivers, 3 hours each', [(TRUCK, 6)]),
    ('implied', '3 rolls of bubble wrap', [(WRAP, 150)]),
    # the quantity cannot be known: ask back
    ('ask-back', 'enough boxes for a 2-bedroom flat, how much would that be?', ASK),
    ('ask-back', 'Need some bubble wrap, a few metres maybe', ASK),
    ('ask-back', "Movers for the whole day, what's the price?", ASK),
    ('ask-back', 'Storage unit for somewhere between 3 and 6 months', ASK),
    ('ask-back', 'Packing for our whole house please, how much?', ASK),
    # not sold here
    ('not-in-catalog', 'Do you sell packing tape? 6 rolls', NIC),
    ('not-in-catalog', 'How much for end of tenancy cleaning after we move out?', NIC),
    ('not-in-catalog', 'Do you sell mattress bags? Need 2 for queen size', NIC),
    ('not-in-catalog', 'Can you ship a car to Spain?', NIC),
    ('not-in-catalog', 'Price for pet relocation, one cat?', NIC),
]


def minor_digits(cur):
    return 0 if cur in ('JPY', 'KRW') else 2


def line_minor(pid, qty, cur):
    p = BY_ID[pid]
    price = next(x for x in p['prices'] if x['currency'] == cur)
    unit = round(price['amount'] * 10 ** minor_digits(cur))
    sub = unit * qty
    tiers = [d for d in p.get('discounts', []) if d.get('minQuantity', 1) <= qty and 'code' not in d and 'period' not in d]
    if tiers:
        best = sorted(tiers, key=lambda d: (-d.get('minQuantity', 1), -d['percent']))[0]
        bp = round(best['percent'] * 100)
        off = (sub * bp * 2 + 10000) // 20000
        sub -= off
    return sub


def expect_of(lines):
    if lines == ASK:
        return {'askBack': True}
    if lines == NIC:
        return {'notInCatalog': True}
    curs = {BY_ID[pid]['prices'][0]['currency'] for pid, _ in lines}
    assert len(curs) == 1, lines
    cur = curs.pop()
    total = sum(line_minor(pid, q, cur) for pid, q in lines)
    major = total / 10 ** minor_digits(cur)
    if major == int(major):
        major = int(major)
    return {'lines': [{'product': pid, 'qty': q} for pid, q in lines], 'total': major, 'currency': cur}


def write(rows, lang):
    seen = set()
    counts = {}
    with open(os.path.join(HERE, f'questions-{lang}.jsonl'), 'w', encoding='utf-8') as f:
        for i, (cls, text, lines) in enumerate(rows, 1):
            assert text not in seen, text
            seen.add(text)
            counts[cls] = counts.get(cls, 0) + 1
            row = {'id': f'q11-{lang}-{i:02d}', 'class': cls, 'text': text, 'expect': expect_of(lines)}
            f.write(json.dumps(row, ensure_ascii=False) + '\n')
    print(lang, len(rows), counts)


write(RU, 'ru')
write(EN, 'en')
