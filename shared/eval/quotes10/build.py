#!/usr/bin/env python3
"""Writes questions-ru.jsonl and questions-en.jsonl from the rows below.

Each priced row lists its (product, quantity) pairs; the total is computed here from catalog.json:
the highest volume tier the quantity reaches, the percentage of the minor-unit subtotal rounded
half up, no tax. `ASK` = the reply must ask how many; `NIC` = not sold (not in the catalog).
check.ts recomputes every priced row with quote() from shared/src/catalog/quote.ts.
"""
import json, os

HERE = os.path.dirname(os.path.abspath(__file__))
CAT = json.load(open(os.path.join(HERE, 'catalog.json'), encoding='utf-8'))
BY_ID = {p['id']: p for p in CAT['products']}
ASK, NIC = 'ask', 'nic'

G, H, T, W, S = 'svc-full-groom', 'svc-pet-hotel', 'svc-pet-taxi', 'svc-dog-walking', 'svc-show-prep'

RU = [
    # digits / no quantity
    ('digits', 'Здравствуйте! Сколько стоит комплексный груминг собаки? У нас шпиц', [(G, 1)]),
    ('digits', 'Нужно проживание в зоогостинице на 3 суток для кота, сколько выйдет?', [(H, 3)]),
    ('digits', 'Выгул собаки 10 часов — какая цена?', [(W, 10)]),
    # number words in cases and genders
    ('number-words', 'Сколько будет стоить комплексный груминг для двух собак?', [(G, 2)]),
    ('number-words', 'Хотим оставить кошку в зоогостинице на пятнадцать суток, посчитайте пожалуйста', [(H, 15)]),
    ('number-words', 'Зоотакси до ветклиники, это двадцать семь километров. Сколько?', [(T, 27)]),
    ('number-words', 'Нужен выгул собаки на сорок часов за месяц, сколько это будет?', [(W, 40)]),
    ('number-words', 'Посчитайте проживание в зоогостинице на одиннадцать ночей для овчарки', [(H, 11)]),
    ('number-words', 'Выставочная подготовка для трёх собак сколько будет стоить?', [(S, 3)]),
    ('number-words', 'Нам бы выгул собаки часов на двенадцать, по вечерам', [(W, 12)]),
    ('number-words', 'Нужен комплексный груминг пятерым нашим собакам, во сколько обойдётся?', [(G, 5)]),
    ('number-words', 'Сколько стоит зоотакси на сто двадцать километров, везём собаку в Тулу?', [(T, 120)]),
    ('number-words', 'Выгул собаки за двадцать один час в месяц — какая сумма?', [(W, 21)]),
    ('number-words', 'Интересует проживание в зоогостинице, думаю ограничимся семью сутками', [(H, 7)]),
    ('number-words', 'Возьмёте кота на четверо суток в зоогостиницу? Сколько будет проживание?', [(H, 4)]),
    # collective and approximate
    ('collective-approx', 'Пару суток в зоогостинице для кота, сколько стоит?', [(H, 2)]),
    ('collective-approx', 'Выгул собаки полтора десятка часов — на какую сумму?', [(W, 15)]),
    ('collective-approx', 'Нужно зоотакси, ехать около 30 км', [(T, 30)]),
    ('collective-approx', 'Зоотакси по городу, километров сорок примерно, почём выйдет?', [(T, 40)]),
    ('collective-approx', 'Комплексный груминг на десяток собак из нашего питомника, какая цена?', [(G, 10)]),
    ('collective-approx', 'Сколько будет выгул собаки на полсотни часов?', [(W, 50)]),
    # units in forms and abbreviations
    ('units', 'Зоотакси 12 км, сколько?', [(T, 12)]),
    ('units', 'выгул собаки 3 ч.', [(W, 3)]),
    ('units', 'Проживание в зоогостинице 5 сут., цена?', [(H, 5)]),
    ('units', 'Зоотакси на 18 километров туда, сколько стоит?', [(T, 18)]),
    ('units', 'Выгул собаки 2 часа утром и 2 часа вечером, это 4 ч. в день. Сколько за день?', [(W, 4)]),
    # words between number and product
    ('words-between', 'Нам нужно 4 часа выгула собаки в субботу', [(W, 4)]),
    ('words-between', 'Хочу 6 ночей проживания в зоогостинице для лабрадора', [(H, 6)]),
    ('words-between', 'Закажу 35 км вашего зоотакси, сколько с меня?', [(T, 35)]),
    # several products
    ('several-products', 'Комплексный груминг собаки и ещё 3 суток в зоогостинице, сколько всего?', [(G, 1), (H, 3)]),
    ('several-products', 'Нужно зоотакси на 20 км и двое суток проживания в зоогостинице', [(T, 20), (H, 2)]),
    ('several-products', 'Комплексный груминг для двух собак, выгул собаки 5 часов и зоотакси 15 км — итого?', [(G, 2), (W, 5), (T, 15)]),
    ('several-products', 'Посчитайте: проживание в зоогостинице на 14 суток плюс выгул собаки двадцать часов', [(H, 14), (W, 20)]),
    # plurals of multi-word names
    ('multiword-plural', 'Сколько стоят три выставочные подготовки?', [(S, 3)]),
    ('multiword-plural', 'Два комплексных груминга собаки — сколько заплатим?', [(G, 2)]),
    # typos
    ('typos', 'скока стоит комплекный груминг на 4 собаки', [(G, 4)]),
    ('typos', 'зоогостинница на пять ночей для кошки сколько', [(H, 5)]),
    ('typos', 'выгул сабаки шесть чесов', [(W, 6)]),
    ('typos', 'зоотакси километров на дватцать', [(T, 20)]),
    # volume tiers, at and just below
    ('tiers', 'Проживание в зоогостинице на 13 суток, какая цена со скидкой?', [(H, 13)]),
    ('tiers', 'Комплексный груминг собаки на 9 собак', [(G, 9)]),
    ('tiers', 'Выгул собаки 19 часов — сколько?', [(W, 19)]),
    ('tiers', 'Выставочная подготовка для двух собак, цена?', [(S, 2)]),
    # distractor numbers
    ('distractor-numbers', 'Мой тел. 8-916-555-23-41, нужен комплексный груминг для 2 шпицев, им по 3 года', [(G, 2)]),
    ('distractor-numbers', 'Собаке 7 лет, весит 32 кг, нужна зоогостиница на 4 суток с 12 января', [(H, 4)]),
    ('distractor-numbers', 'Зоотакси с ул. Ленина, д. 45, кв. 17 до клиники, это 9 км', [(T, 9)]),
    ('distractor-numbers', 'Заказ №5521: добавьте выгул собаки 8 часов, забрать в 18:30', [(W, 8)]),
    ('distractor-numbers', 'Выставка 14 мая, собака весит 12 кг. Нужна выставочная подготовка для одной собаки', [(S, 1)]),
    # implied quantity (asking back acceptable)
    ('implied', 'Проживание в зоогостинице для двух котов на 5 суток, сколько?', [(H, 10)]),
    # ask back: quantity cannot be known
    ('ask-back', 'Сколько будет зоогостиница для собаки на несколько суток?', ASK),
    ('ask-back', 'Нужен выгул собаки, пока мы в отпуске. Сколько это будет стоить?', ASK),
    ('ask-back', 'Зоотакси до нашей дачи, сколько там километров не знаю — сколько выйдет?', ASK),
    ('ask-back', 'Комплексный груминг для всех собак нашего приюта, посчитайте', ASK),
    # not sold
    ('not-in-catalog', 'Сколько стоит вакцинация щенка?', NIC),
    ('not-in-catalog', 'Продаёте сухой корм, мешок 15 кг?', NIC),
    ('not-in-catalog', 'Дрессировка собаки, 10 занятий — сколько?', NIC),
    ('not-in-catalog', 'Чипирование кота сколько стоит?', NIC),
]

EN = [
    ('digits', 'Hi, how much is Full Dog Grooming? I have a toy poodle', [(G, 1)]),
    ('digits', 'Pet hotel stay for 3 nights please, what would it cost?', [(H, 3)]),
    ('digits', 'Dog walking 7 hours, price?', [(W, 7)]),
    ('number-words', 'What would eight nights at the pet hotel cost?', [(H, 8)]),
    ('number-words', 'Dog walking, twenty-two hours over the month. How much?', [(W, 22)]),
    ('number-words', 'Full dog grooming for seven dogs please', [(G, 7)]),
    ('number-words', 'Pet taxi for sixty-five kilometres, how much is that?', [(T, 65)]),
    ('number-words', 'Dog show preparation for four dogs, what is the price?', [(S, 4)]),
    ('number-words', 'Pet taxi to Boston, a hundred and twenty km, how much would that be?', [(T, 120)]),
    ('number-words', 'thirty hours of dog walking for next month', [(W, 30)]),
    ('number-words', 'Pet hotel stay for eleven nights while we travel', [(H, 11)]),
    ('collective-approx', 'A couple of nights at the pet hotel for my cat?', [(H, 2)]),
    ('collective-approx', 'Two dozen hours of dog walking, what does that come to?', [(W, 24)]),
    ('collective-approx', 'a dozen and a half nights of pet hotel stay for our husky', [(H, 18)]),
    ('collective-approx', 'Pet taxi ride, ~60 km, how much?', [(T, 60)]),
    ('collective-approx', 'About 15 km by pet taxi, what would I pay?', [(T, 15)]),
    ('collective-approx', 'half a dozen hours of dog walking please', [(W, 6)]),
    ('units', 'Dog walking 5 hrs', [(W, 5)]),
    ('units', 'pet taxi 30km?', [(T, 30)]),
    ('units', 'Pet hotel stay for 10 days, how much?', [(H, 10)]),
    ('units', 'How much is an hour of dog walking?', [(W, 1)]),
    ('units', 'dog walking 2h tomorrow morning', [(W, 2)]),
    ('words-between', "We'd like 3 hours of your dog walking service on Saturday", [(W, 3)]),
    ('words-between', 'Book 5 nights of pet hotel stay for our beagle', [(H, 5)]),
    ('words-between', '12 of your full dog grooming sessions for the kennel, total?', [(G, 12)]),
    ('several-products', 'Full dog grooming plus 4 nights pet hotel stay, total please', [(G, 1), (H, 4)]),
    ('several-products', '3 full dog groomings and a 10 km pet taxi ride, how much altogether?', [(G, 3), (T, 10)]),
    ('several-products', 'Pet hotel 7 nights, dog walking 10 hours and a pet taxi ride of 25 km', [(H, 7), (W, 10), (T, 25)]),
    ('several-products', 'Two nights at the pet hotel and forty km of pet taxi, what is the total?', [(H, 2), (T, 40)]),
    ('multiword-plural', 'Price for 2 Full Dog Groomings?', [(G, 2)]),
    ('multiword-plural', 'Two Dog Show Preparations, how much in total?', [(S, 2)]),
    ('typos', 'how much for full dog groming x2', [(G, 2)]),
    ('typos', 'pet hotell for fiev nights', [(H, 5)]),
    ('typos', 'dog walkng for tweny hours', [(W, 20)]),
    ('typos', 'pet taxy 8 kilometers pls', [(T, 8)]),
    ('tiers', 'Pet hotel 6 nights, any discount?', [(H, 6)]),
    ('tiers', '14 nights at the pet hotel for my terrier', [(H, 14)]),
    ('tiers', 'Full dog grooming for 5 dogs', [(G, 5)]),
    ('tiers', 'Dog show preparation for 3 dogs', [(S, 3)]),
    ('distractor-numbers', 'Hi, call me at +1 415 555 0199. Need dog walking 4 hours on the 23rd', [(W, 4)]),
    ('distractor-numbers', 'My lab is 9 years old and 38 kg; pet hotel stay for 3 nights from Dec 20', [(H, 3)]),
    ('distractor-numbers', 'Order #4471: add a pet taxi ride, 16 km, pickup at 7:30 from 221 Baker St, apt 12', [(T, 16)]),
    ('distractor-numbers', 'Full dog grooming for my 2 dogs, the big one is 45 cm at the shoulder', [(G, 2)]),
    ('distractor-numbers', 'The show is on March 3rd and my dog is 2 years old. Dog show preparation for 1 dog?', [(S, 1)]),
    ('implied', 'How much are 3 pet taxi rides of 10 km each?', [(T, 30)]),
    ('ask-back', 'How much for the pet hotel while we are away on holiday?', ASK),
    ('ask-back', 'Need a pet taxi ride to the airport, no idea how far it is. Cost?', ASK),
    ('ask-back', 'Dog walking a few hours a week, what would it cost?', ASK),
    ('ask-back', 'Full dog grooming for all the dogs at our shelter, how much?', ASK),
    ('not-in-catalog', 'Do you sell dog food? A 10 kg bag', NIC),
    ('not-in-catalog', 'How much is a puppy training course, 8 lessons?', NIC),
    ('not-in-catalog', 'Price of vaccinating a cat?', NIC),
    ('not-in-catalog', 'Aquarium cleaning for a 200 litre tank, how much?', NIC),
]


def minor(amount):  # all catalog prices are whole units; EUR and RUB have 2 minor digits
    return round(amount * 100)


def line_total(pid, qty):
    p = BY_ID[pid]
    unit = minor(p['prices'][0]['amount'])
    sub = unit * qty
    tiers = [d for d in p.get('discounts', []) if d.get('minQuantity', 1) <= qty]
    if tiers:
        d = max(tiers, key=lambda d: (d.get('minQuantity', 1), d['percent']))
        bp = round(d['percent'] * 100)
        sub -= (sub * bp * 2 + 10000) // 20000
    return sub, p['prices'][0]['currency']


def expect_of(spec):
    if spec == ASK:
        return {'askBack': True}
    if spec == NIC:
        return {'notInCatalog': True}
    total, currencies = 0, set()
    for pid, q in spec:
        t, c = line_total(pid, q)
        total += t
        currencies.add(c)
    assert len(currencies) == 1, spec
    t = total / 100
    return {'lines': [{'product': pid, 'qty': q} for pid, q in spec],
            'total': int(t) if t == int(t) else t, 'currency': currencies.pop()}


for lang, rows in (('ru', RU), ('en', EN)):
    with open(os.path.join(HERE, f'questions-{lang}.jsonl'), 'w', encoding='utf-8') as f:
        for i, (cls, text, spec) in enumerate(rows, 1):
            row = {'id': f'q10-{lang}-{i:02d}', 'class': cls, 'text': text, 'expect': expect_of(spec)}
            f.write(json.dumps(row, ensure_ascii=False) + '\n')
    counts = {}
    for cls, _, _ in rows:
        counts[cls] = counts.get(cls, 0) + 1
    print(lang, len(rows), counts)
