#!/usr/bin/env python3
"""Writes questions-ru.jsonl and questions-en.jsonl of quotes6 from the rows below: each row is
(class, text, expected), expected = [(product id, quantity), ...], ASK (must ask how many) or NIC (not sold).
Totals: per line the unit price in minor units x quantity, minus the highest volume tier reached
(percentage rounded half up), summed; no tax. check.ts recomputes them with quote()."""
import json
from decimal import Decimal

CAT = json.load(open('catalog.json'))['products']
P = {p['id']: p for p in CAT}
BC, VB, GD, SL, TS = ('prod-business-card', 'prod-vinyl-banner', 'svc-graphic-design',
                      'svc-sheet-lamination', 'rent-trade-show-stand')
ASK, NIC = 'ask', 'nic'


def line_minor(pid, qty):
    p = P[pid]
    price = p['prices'][0]
    unit = int((Decimal(str(price['amount'])) * 100).to_integral_value())
    amount = unit * qty
    tiers = [d for d in p.get('discounts', []) if d.get('minQuantity', 1) <= qty]
    if tiers:
        d = max(tiers, key=lambda d: (d.get('minQuantity', 1), d['percent']))
        bp = round(d['percent'] * 100)
        off = (amount * bp * 2 + 10000) // 20000
        amount -= off
    return amount, price['currency']


def expect(spec):
    if spec == ASK:
        return {'askBack': True}
    if spec == NIC:
        return {'notInCatalog': True}
    total, cur = 0, None
    for pid, qty in spec:
        m, c = line_minor(pid, qty)
        assert cur in (None, c), 'mixed currencies'
        cur = c
        total += m
    t = Decimal(total) / 100
    t = int(t) if t == t.to_integral_value() else float(t)
    return {'lines': [{'product': pid, 'qty': q} for pid, q in spec], 'total': t, 'currency': cur}


RU = [
    # digits, and no quantity at all (the price of one)
    ('digits', 'Добрый день! Сколько будут стоить 200 визиток?', [(BC, 200)]),
    ('digits', 'Сколько у вас стоит виниловый баннер? Просто цену хочу понять', [(VB, 1)]),
    ('digits', 'Подскажите стоимость аренды выставочного стенда', [(TS, 1)]),
    # numbers in words, cases and genders
    ('number-words', 'Хочу заказать триста визиток, сколько это выйдет?', [(BC, 300)]),
    ('number-words', 'Какая будет цена для двухсот пятидесяти визитных карточек?', [(BC, 250)]),
    ('number-words', 'Надо заламинировать сорок два листа, сколько с меня?', [(SL, 42)]),
    ('number-words', 'А на двадцать пять квадратов баннер сколько будет?', [(VB, 25)]),
    ('number-words', 'Посчитайте аренду выставочного стенда на четыре дня', [(TS, 4)]),
    ('number-words', 'Обойдётся ли ламинирование шестидесяти листов дешевле 3000 рублей?', [(SL, 60)]),
    ('number-words', 'Нам нужен стенд на выставку на пять дней, какая сумма?', [(TS, 5)]),
    ('number-words', 'Сколько будет стоить ламинирование двадцати одного листа?', [(SL, 21)]),
    ('number-words', 'Нужна работа дизайнера на одиннадцать часов', [(GD, 11)]),
    ('number-words', 'Баннер площадью в тридцать три квадратных метра, цена?', [(VB, 33)]),
    # collective and fractional numerals
    ('collective', 'Полсотни листов заламинировать — сколько стоит?', [(SL, 50)]),
    ('collective', 'Мне бы пару часов дизайнера, макет поправить', [(GD, 2)]),
    ('collective', 'Визиток нужна тысяча, почём выйдет?', [(BC, 1000)]),
    ('collective', 'Полтора десятка листов формата А4 заламинируйте, пожалуйста. Цена?', [(SL, 15)]),
    ('collective', 'Стенд нужен на пару дней, сколько в долларах?', [(TS, 2)]),
    ('collective', 'Полтораста визиток напечатаете? Сколько стоит?', [(BC, 150)]),
    ('collective', 'Стенд на двое суток — сколько?', [(TS, 2)]),
    # approximations
    ('approx', 'Около 30 квадратов баннера, сколько примерно получится?', [(VB, 30)]),
    ('approx', 'У меня десятка три листов на ламинацию', [(SL, 30)]),
    ('approx', 'Визиток штук 500 примерно, какая цена?', [(BC, 500)]),
    ('approx', 'Баннер ~60 кв м, посчитайте', [(VB, 60)]),
    ('approx', 'Дизайнер нужен часов на пять, сколько это стоит?', [(GD, 5)]),
    # units in their forms and abbreviations
    ('units', 'Баннер 40 м2 сколько?', [(VB, 40)]),
    ('units', 'Графический дизайн 3 ч., цена?', [(GD, 3)]),
    ('units', 'Стенд на 3 дн. нужен', [(TS, 3)]),
    ('units', 'Визитки 2 тыс. шт., сколько по деньгам?', [(BC, 2000)]),
    ('units', 'Заламинировать 120 листов А3, сколько?', [(SL, 120)]),
    # words between the number and the product
    ('words-between', 'Нужно 8 часов работы графического дизайнера', [(GD, 8)]),
    ('words-between', 'Напечатайте 15 квадратных метров вашего винилового баннера', [(VB, 15)]),
    ('words-between', 'Возьмём 600 штук ваших визитных карточек с двусторонней печатью', [(BC, 600)]),
    # several products in one message
    ('several-products', 'Нужно 500 визиток и 4 часа дизайна', [(BC, 500), (GD, 4)]),
    ('several-products', 'Баннер на 10 кв.м и ещё заламинировать 80 листов', [(VB, 10), (SL, 80)]),
    ('several-products', 'Сначала макет, часа три дизайнера, потом тысячу визиток и двадцать квадратов баннера',
     [(GD, 3), (BC, 1000), (VB, 20)]),
    ('several-products', 'Двести листов ламинации и полсотни квадратов баннера — итого сколько?',
     [(SL, 200), (VB, 50)]),
    ('several-products', 'Мне нужно две тысячи визиток и пятьсот листов заламинировать', [(BC, 2000), (SL, 500)]),
    # plurals of multi-word names
    ('multiword-plural', 'Цена на 35 квадратных метров виниловых баннеров?', [(VB, 35)]),
    ('multiword-plural', 'Интересуют визитные карточки, 750 штук', [(BC, 750)]),
    # typos
    ('typos', 'скока стоят 400 визиток', [(BC, 400)]),
    ('typos', 'банер на 16 квадратов сколько', [(VB, 16)]),
    ('typos', 'ламенирование 70 листов пожалуста', [(SL, 70)]),
    ('typos', 'дезайнер на 6 часов сколько стоит', [(GD, 6)]),
    # just below a volume tier
    ('tiers', '499 визиток сколько будет?', [(BC, 499)]),
    ('tiers', 'Баннер 19 кв.м, какая стоимость?', [(VB, 19)]),
    ('tiers', '99 листов нужно заламинировать', [(SL, 99)]),
    # distractor numbers: order number, phone, date, address, floor
    ('distractor-numbers', 'Здравствуйте, заказ №4512, нужно ещё 300 визиток. Мой телефон 8 916 555-12-34',
     [(BC, 300)]),
    ('distractor-numbers', 'К 15 марта нужен баннер 24 кв. м, доставка на Ленина 8', [(VB, 24)]),
    ('distractor-numbers', 'Выставка с 10 по 12 октября 2027 года, стенд нужен на 3 дня', [(TS, 3)]),
    ('distractor-numbers', 'Офис на 3 этаже, 45 листов заламинировать, звоните +7 999 123 45 67', [(SL, 45)]),
    # price per unit asked with a quantity: the quote for the quantity
    ('per-unit-vs-total', 'Сколько стоит одна визитка, если брать 1000 штук?', [(BC, 1000)]),
    # the quantity cannot be known: ask back
    ('ask-back', 'Нужно несколько баннеров на забор, сколько выйдет?', ASK),
    ('ask-back', 'Визиток от 300 до 500 штук, сколько будет?', ASK),
    ('ask-back', 'Дизайнер нужен на пару-тройку часов', ASK),
    ('ask-back', 'Ламинировать нужно несколько сотен листов, сколько это?', ASK),
    ('ask-back', 'Стенд нужен на всю выставку, сколько стоит?', ASK),
    # not sold
    ('not-in-catalog', 'Печатаете футболки? Нужно 50 штук с логотипом', NIC),
    ('not-in-catalog', 'Сколько стоит печать 100 кружек?', NIC),
    ('not-in-catalog', 'Нужна световая вывеска на магазин, 3 метра, цена?', NIC),
    ('not-in-catalog', 'Изготовите 20 печатей для филиалов?', NIC),
]

EN = [
    ('digits', 'How much for 250 business cards?', [(BC, 250)]),
    ('digits', "What's your price for a vinyl banner?", [(VB, 1)]),
    ('digits', 'How much is the trade show stand?', [(TS, 1)]),
    ('number-words', 'I need eight hundred business cards printed', [(BC, 800)]),
    ('number-words', 'Could you quote thirty-six sheets of lamination?', [(SL, 36)]),
    ('number-words', "We'd rent the trade show stand for six days", [(TS, 6)]),
    ('number-words', 'Price for fourteen square meters of vinyl banner?', [(VB, 14)]),
    ('number-words', 'One hundred and twenty-five business cards, what would that be?', [(BC, 125)]),
    ('collective', 'A couple of hours of graphic design, what would that cost?', [(GD, 2)]),
    ('collective', 'Two dozen sheets laminated please', [(SL, 24)]),
    ('collective', 'fifteen hundred business cards — price?', [(BC, 1500)]),
    ('collective', 'Need a dozen hours of design work for a rebrand', [(GD, 12)]),
    ('collective', 'A thousand business cards, how much?', [(BC, 1000)]),
    ('approx', 'about 40 square metres of banner, rough price?', [(VB, 40)]),
    ('approx', '~60 sheets to laminate', [(SL, 60)]),
    ('approx', 'roughly 3 days for the trade show stand', [(TS, 3)]),
    ('approx', 'around two thousand cards, what is the cost?', [(BC, 2000)]),
    ('units', 'Vinyl banner, 22 m2', [(VB, 22)]),
    ('units', 'banner 9 sqm how much', [(VB, 9)]),
    ('units', 'graphic design 5 hrs', [(GD, 5)]),
    ('units', 'Trade show stand for 8 days please', [(TS, 8)]),
    ('units', '150 sheets of A3 lamination', [(SL, 150)]),
    ('words-between', 'We need 4 hours of your graphic design', [(GD, 4)]),
    ('words-between', 'Print 30 square metres of glossy vinyl banner for us', [(VB, 30)]),
    ('words-between', "I'd like 700 of your premium business cards", [(BC, 700)]),
    ('several-products', '500 business cards and 3 hours of design', [(BC, 500), (GD, 3)]),
    ('several-products', 'Can you do a 12 sq m vinyl banner plus lamination of 100 sheets?', [(VB, 12), (SL, 100)]),
    ('several-products', 'two hours of design, forty sheets laminated and a thousand business cards',
     [(GD, 2), (SL, 40), (BC, 1000)]),
    ('several-products', 'We need 55 m2 of vinyl banners and 200 laminated sheets', [(VB, 55), (SL, 200)]),
    ('several-products', 'Quote me 6 hours of graphic design and 3000 business cards', [(GD, 6), (BC, 3000)]),
    ('multiword-plural', 'Price for 45 sq m of Vinyl Banners', [(VB, 45)]),
    ('multiword-plural', 'Quote for 900 Business Cards please', [(BC, 900)]),
    ('multiword-plural', 'Do you hire out Trade Show Stands? One for 2 days, how much?', [(TS, 2)]),
    ('typos', 'how much for 300 busines cards', [(BC, 300)]),
    ('typos', 'vinly baner 10 sq m', [(VB, 10)]),
    ('typos', 'laminaton of fourty sheets', [(SL, 40)]),
    ('typos', 'graphic desing for 7 hours', [(GD, 7)]),
    ('tiers', '999 business cards', [(BC, 999)]),
    ('tiers', '49 square metres of banner', [(VB, 49)]),
    ('tiers', 'the trade show stand for seven days', [(TS, 7)]),
    ('distractor-numbers', 'Order #20931: please add 350 business cards. Call me at 555-0192', [(BC, 350)]),
    ('distractor-numbers', 'Our booth is in hall 4; we need the trade show stand for 5 days, March 3 to 7',
     [(TS, 5)]),
    ('distractor-numbers', 'Deliver to 221 Baker Street: 18 sheets laminated', [(SL, 18)]),
    ('distractor-numbers', 'Launch is on 12/09, budget 50000 rubles: 11 hours of graphic design', [(GD, 11)]),
    ('per-unit-vs-total', "What's the per-card price if I order 5000?", [(BC, 5000)]),
    ('per-unit-vs-total', 'how much is one hour of design', [(GD, 1)]),
    ('ask-back', 'We need a few hundred business cards', ASK),
    ('ask-back', 'Banner somewhere between 20 and 30 square meters, how much?', ASK),
    ('ask-back', 'Design work for several hours, what would it cost?', ASK),
    ('ask-back', 'We want the stand for the whole expo, price?', ASK),
    ('ask-back', 'lots of sheets to laminate, maybe hundreds', ASK),
    ('not-in-catalog', 'Do you print mugs? 40 of them', NIC),
    ('not-in-catalog', 'Can you make 10 embroidered caps?', NIC),
    ('not-in-catalog', 'Need flyers, 1000 copies, price?', NIC),
    ('not-in-catalog', 'How much for a neon sign for our cafe?', NIC),
]


def write(rows, lang):
    with open(f'questions-{lang}.jsonl', 'w', encoding='utf-8') as f:
        for i, (cls, text, spec) in enumerate(rows, 1):
            row = {'id': f'q6-{lang}-{i:02d}', 'class': cls, 'text': text, 'expect': expect(spec)}
            f.write(json.dumps(row, ensure_ascii=False) + '\n')
    from collections import Counter
    print(lang, len(rows), dict(Counter(r[0] for r in rows)))


write(RU, 'ru')
write(EN, 'en')
