#!/usr/bin/env python3
"""Price-question set 5 (issue 61): writes questions-ru.jsonl and questions-en.jsonl.

The sentences are hand-written one by one below, each with the (product, quantity) pairs it must be
quoted for, or ASK (the reply must ask how many) or NIC (not sold: no amount). Totals are computed
here from catalog.json by the pricing rules (per line: unit price x quantity in minor units, the highest
volume tier the quantity reaches, the percentage of the minor-unit subtotal rounded half up; no tax), and
checked again with quote() by check.ts. Run: python3 build.py && npx tsx check.ts
"""
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
CAT = json.load(open(os.path.join(HERE, 'catalog.json'), encoding='utf-8'))
BY_ID = {p['id']: p for p in CAT['products']}

MENU = 'svc-banquet-menu'  # RUB 3200 / person; 30+ 5%, 80+ 10%
HALL = 'venue-loft-hall'  # RUB 7500 / hour
TERR = 'venue-summer-terrace'  # EUR 850 / day; 2+ 5%, 5+ 15%
CLEAN = 'svc-post-event-cleaning'  # RUB 85 / sq m; 200+ 10%
CAKE = 'prod-tiered-cake'  # RUB 2600 / kg
TART = 'prod-caviar-tartlets'  # RUB 240 / pcs; 100+ 10%

ASK = 'ask'
NIC = 'nic'

RU = [
    # digits, or no quantity (price of one)
    ('digits', 'Сколько стоит банкетное меню Классика на одного человека?', [(MENU, 1)]),
    ('digits', 'Тарталетки с икрой 60 шт, сколько это будет?', [(TART, 60)]),
    ('digits', 'Добрый день! Почём у вас ярусный торт?', [(CAKE, 1)]),
    # units: person / guest / порция / персона
    ('units-person', 'Посчитайте, пожалуйста, банкетное меню на сорок гостей', [(MENU, 40)]),
    ('units-person', 'Закажем 70 порций банкетного меню Классика, какая будет сумма?', [(MENU, 70)]),
    ('units-person', 'Юбилей мамы, меню классика на 35 персон — сколько выйдет?', [(MENU, 35)]),
    ('units-person', 'Меню Классика на две дюжины гостей сколько стоит', [(MENU, 24)]),
    # units: day / сутки / неделя
    ('units-day', 'Хотим арендовать летнюю террасу на трое суток, какая цена?', [(TERR, 3)]),
    ('units-day', 'Сутки аренды летней террасы сколько стоят в евро?', [(TERR, 1)]),
    ('units-day', 'Летнюю террасу забронировать на двое суток — сколько с нас?', [(TERR, 2)]),
    ('units-day', 'А если летнюю террасу взять на целую неделю, сколько получится?', [(TERR, 7)]),
    # units: square metres
    ('units-sqm', 'Нужна уборка после мероприятия, 120 кв.м.', [(CLEAN, 120)]),
    ('units-sqm', 'Уборка после мероприятия, площадь полсотни квадратов, посчитайте', [(CLEAN, 50)]),
    ('units-sqm', 'Посчитайте уборку после мероприятия на двести пятьдесят квадратных метров', [(CLEAN, 250)]),
    # units: kg
    ('units-kg', 'Ярусный торт на три кило сколько будет стоить?', [(CAKE, 3)]),
    ('units-kg', 'Двенадцать килограммов вашего ярусного торта — это сколько по деньгам?', [(CAKE, 12)]),
    # units: hours
    ('units-hour', 'Сколько будет стоить аренда лофт-зала на шесть часов?', [(HALL, 6)]),
    ('words-between', 'Нужно 3 часа аренды лофт-зала в субботу', [(HALL, 3)]),
    # number words in cases
    ('number-words', 'Банкетное меню на тридцать одного гостя, посчитайте пожалуйста', [(MENU, 31)]),
    ('number-words', 'Для пятидесяти пяти гостей банкетное меню — какая цена?', [(MENU, 55)]),
    ('number-words', 'Нас будет с восемьюдесятью гостями, во сколько обойдётся банкетное меню Классика?', [(MENU, 80)]),
    ('number-words', 'тарталетки с икрой, нужно сто пятьдесят штук', [(TART, 150)]),
    # collective and approximate
    ('collective-approx', 'Сколько выйдет банкетное меню на полторы сотни гостей?', [(MENU, 150)]),
    ('collective-approx', 'Ярусный торт кило на пять, сколько примерно?', [(CAKE, 5)]),
    ('collective-approx', 'Лофт-зал хотим снять часа на четыре, сколько это?', [(HALL, 4)]),
    ('collective-approx', 'Тарталеток с икрой штук двести пятьдесят надо', [(TART, 250)]),
    # several products
    ('several-products', 'Ярусный торт на четыре килограмма и ещё тарталетки с икрой, штук сорок', [(CAKE, 4), (TART, 40)]),
    ('several-products', 'Банкет на 45 гостей в лофт-зале часов на пять: меню Классика плюс аренда зала, сколько всего?', [(MENU, 45), (HALL, 5)]),
    ('several-products', 'после свадьбы нужна уборка 300 м2, и ещё лофт-зал на 3 часа для фотосессии', [(CLEAN, 300), (HALL, 3)]),
    ('several-products', 'На юбилей: меню Классика на 35 персон, ярусный торт 5 кг и 90 тарталеток с икрой', [(MENU, 35), (CAKE, 5), (TART, 90)]),
    # typos
    ('typos', 'скока стоит банкетное мено классика на тридцать чиловек', [(MENU, 30)]),
    ('typos', 'тарталетки с икорой сотню штук хотим', [(TART, 100)]),
    ('typos', 'уборка после мероприятя на сто двадцать пять квадратав', [(CLEAN, 125)]),
    # tiers: just below a tier
    ('tiers', 'Банкетное меню на 29 человек', [(MENU, 29)]),
    ('tiers', 'Уборка после мероприятия 199 квадратных метров', [(CLEAN, 199)]),
    # per unit vs total
    ('per-unit-vs-total', 'Какая цена за одну тарталетку с икрой, если брать 120 штук?', [(TART, 120)]),
    ('per-unit-vs-total', 'Сколько стоит квадратный метр уборки после мероприятия?', [(CLEAN, 1)]),
    # distractor numbers
    ('distractor-numbers', 'Свадьба 14 августа, банкетное меню Классика на шестьдесят гостей', [(MENU, 60)]),
    ('distractor-numbers', 'Мы на 3 этаже бизнес-центра, нужна аренда лофт-зала на семь часов, счёт на оплату №4521', [(HALL, 7)]),
    ('distractor-numbers', 'Бюджет 100 тысяч, хотим ярусный торт на восемь кило, уложимся?', [(CAKE, 8)]),
    # implied (asking back is acceptable)
    ('implied', 'Банкетное меню для трёх столов по десять человек', [(MENU, 30)]),
    # ask-back
    ('ask-back', 'Сколько будет стоить банкетное меню на всех наших сотрудников?', ASK),
    ('ask-back', 'Нам бы тарталеток с икрой, несколько десятков', ASK),
    ('ask-back', 'Уборка после мероприятия, площадь пока не знаем, где-то между 200 и 300 метров', ASK),
    ('ask-back', 'Летнюю террасу хотим на пару-тройку дней, почём?', ASK),
    # not in catalog
    ('not-in-catalog', 'Есть ли у вас аренда шатра на 100 человек?', NIC),
    ('not-in-catalog', 'Сколько стоит живая музыка, кавер-группа на 3 часа?', NIC),
    ('not-in-catalog', 'Нужен фотограф на банкет на четыре часа, почём?', NIC),
    ('not-in-catalog', 'Продаёте шампанское ящиками? Нужно штук шесть ящиков', NIC),
]

EN = [
    # digits, or no quantity
    ('digits', 'How much is the Classic Banquet Menu per guest?', [(MENU, 1)]),
    ('digits', 'Quote for 85 caviar tartlets please', [(TART, 85)]),
    ('digits', 'Need a cake: tiered celebration cake, 10 kg', [(CAKE, 10)]),
    # units: person / guest / pax / head
    ('units-person', 'Classic banquet menu for two dozen guests, what would that be?', [(MENU, 24)]),
    ('units-person', 'Classic banquet menu, 65 pax', [(MENU, 65)]),
    ('units-person', 'what does the classic banquet menu come to for forty-two heads', [(MENU, 42)]),
    # units: days / week
    ('units-day', 'Could we book the summer terrace for a couple of days?', [(TERR, 2)]),
    ('units-day', 'summer terrace for five days in a row, price?', [(TERR, 5)]),
    ('units-day', 'Summer terrace from Friday to Sunday, so three days', [(TERR, 3)]),
    ('units-day', "We'd like a week on the summer terrace, how much?", [(TERR, 7)]),
    # units: square metres
    ('units-sqm', 'Cleaning after the event, 600 m2', [(CLEAN, 600)]),
    ('units-sqm', 'Post-event cleaning, a thousand square metres', [(CLEAN, 1000)]),
    # units: kg
    ('units-kg', 'two kilos of the tiered celebration cake', [(CAKE, 2)]),
    # units: hours
    ('units-hour', 'We need the loft hall hire for twelve hours', [(HALL, 12)]),
    ('units-hour', 'Hire the loft hall for an afternoon, 4 hrs', [(HALL, 4)]),
    # words between
    ('words-between', "We'll need 3 hours of loft hall hire", [(HALL, 3)]),
    ('words-between', 'a hundred and fifty square meters of post event cleaning', [(CLEAN, 150)]),
    ('words-between', 'Nine kilos of your tiered celebration cake for a wedding', [(CAKE, 9)]),
    # number words
    ('number-words', 'What would the classic banquet menu cost for ninety-five people?', [(MENU, 95)]),
    ('number-words', 'The loft hall for twenty-four hours straight, for a hackathon', [(HALL, 24)]),
    ('number-words', 'Three hundred caviar tartlets for a reception', [(TART, 300)]),
    # collective and approximate
    ('collective-approx', 'a dozen caviar tartlets', [(TART, 12)]),
    ('collective-approx', 'Post-event cleaning for roughly four hundred square metres', [(CLEAN, 400)]),
    ('collective-approx', 'A tiered celebration cake, about six kilos', [(CAKE, 6)]),
    # several products
    ('several-products', 'Fifty caviar tartlets and an 8 kg tiered celebration cake', [(TART, 50), (CAKE, 8)]),
    ('several-products', 'Wedding for 120 guests: classic banquet menu for everyone plus 6 hours of the loft hall', [(MENU, 120), (HALL, 6)]),
    ('several-products', 'two kilos of tiered celebration cake plus a hundred caviar tartlets', [(CAKE, 2), (TART, 100)]),
    # multi-word plural
    ('multiword-plural', 'Classic Banquet Menus for 79 people', [(MENU, 79)]),
    # typos
    ('typos', 'how much is the clasic banqet menu for fourty guests', [(MENU, 40)]),
    ('typos', 'caviar tartlest x 200', [(TART, 200)]),
    ('typos', 'tierd celebraton cake, sevn kilos', [(CAKE, 7)]),
    ('typos', 'loft hal hire for eigth hours', [(HALL, 8)]),
    # tiers: just below
    ('tiers', 'We want 99 caviar tartlets', [(TART, 99)]),
    ('tiers', 'summer terrace 4 days', [(TERR, 4)]),
    ('tiers', 'How much for post-event cleaning of 199 sq m?', [(CLEAN, 199)]),
    # per unit vs total
    ('per-unit-vs-total', "What's the per-kilo price of the tiered celebration cake if we take 9 kg?", [(CAKE, 9)]),
    # distractor numbers
    ('distractor-numbers', 'Our event is on 12 June at 7 pm, classic banquet menu for thirty-six guests please', [(MENU, 36)]),
    ('distractor-numbers', 'Order #3391: please add twenty caviar tartlets', [(TART, 20)]),
    ('distractor-numbers', 'Budget is about 5,000. Summer terrace for three days?', [(TERR, 3)]),
    # implied (asking back is acceptable)
    ('implied', 'Classic banquet menu for 6 tables of 8', [(MENU, 48)]),
    # ask-back
    ('ask-back', "Classic banquet menu for the whole company, what's the damage?", ASK),
    ('ask-back', "Caviar tartlets, a few trays' worth", ASK),
    ('ask-back', 'Post-event cleaning for our venue, not sure of the size, maybe 300-500 m2', ASK),
    ('ask-back', 'Loft hall hire for the evening, a few hours probably', ASK),
    # not in catalog
    ('not-in-catalog', 'Do you rent out a bouncy castle for kids?', NIC),
    ('not-in-catalog', 'Price for a string quartet for 2 hours?', NIC),
    ('not-in-catalog', 'Do you sell wine by the case? 6 cases needed', NIC),
    ('not-in-catalog', 'Can you do a chocolate fountain for 50 guests?', NIC),
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
    with open(os.path.join(HERE, f'questions-{lang}.jsonl'), 'w', encoding='utf-8') as f:
        for i, (cls, text, lines) in enumerate(rows, 1):
            assert text not in seen, text
            seen.add(text)
            row = {'id': f'b5-{lang}-{i:02d}', 'class': cls, 'text': text, 'expect': expect_of(lines)}
            f.write(json.dumps(row, ensure_ascii=False) + '\n')
    print(lang, len(rows))


write(RU, 'ru')
write(EN, 'en')
