#!/usr/bin/env python3
# Builds questions-ru.jsonl and questions-en.jsonl of set 13 from the rows below: each priced row names its
# (product, qty) pairs; totals are computed here from catalog.json the way shared/src/catalog/quote.ts does
# (integer minor units; per line the highest volume tier reached, percent of the line's minor-unit
# subtotal rounded half up; no tax; the currency is the first line's product's first price currency).
# check.ts verifies every priced row against quote() itself.
import json
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
catalog = json.loads((HERE / 'catalog.json').read_text(encoding='utf-8'))
products = {p['id']: p for p in catalog['products']}

R = 'p-rose-ecuador'
M = 'p-monstera-pot'
S = 'sub-flowers-month'
T = 'svc-table-decor'
G = 'p-soil-bag'
W = 'svc-floristry-workshop'
D = 'svc-courier-delivery'

ASK = 'ask'
NIC = 'nic'

# (class, text, lines | ASK | NIC); lines are [(product, qty), ...]
RU = [
    ('digits-before', 'Здравствуйте! Сколько будут стоить 15 роз?', [(R, 15)]),
    ('digits-before', 'добрый вечер, 7 монстер в горшках сколько выйдет', [(M, 7)]),
    ('digits-before', 'Нужно 4 мешка грунта, посчитайте пожалуйста', [(G, 4)]),
    ('digits-after', 'Розы красные, 35 шт, почём?', [(R, 35)]),
    ('digits-after', 'оформление банкетного стола — нам нужно 8, какая цена?', [(T, 8)]),
    ('digits-after', 'Цветочная подписка на 3 месяца — сколько стоит?', [(S, 3)]),
    ('no-qty', 'Привет) почём у вас розы?', [(R, 1)]),
    ('no-qty', 'Какая цена на монстеру в горшке?', [(M, 1)]),
    ('no-qty', 'а доставка курьером сколько стоит?', [(D, 1)]),
    ('number-words', 'Хочу заказать двадцать пять роз на день рождения мамы, сколько это будет?', [(R, 25)]),
    ('number-words', 'Подскажите цену двадцати одной белой розы', [(R, 21)]),
    ('number-words', 'Стоимость сорока роз подскажите пожалуйста', [(R, 40)]),
    ('number-words', 'Хочу сто одну розу, буду делать предложение 😍 сколько?', [(R, 101)]),
    ('number-words', 'на мастер-класс по флористике записать шестерых, сколько в евро выйдет?', [(W, 6)]),
    ('number-words', 'Нам на свадьбу оформление двенадцати столов, сколько стоит?', [(T, 12)]),
    ('collective', 'Пару монстер можно заказать? И сколько будет стоить', [(M, 2)]),
    ('collective', 'Десяток роз сколько стоит?', [(R, 10)]),
    ('collective', 'мне бы полтора десятка роз, розовых', [(R, 15)]),
    ('collective', 'Полсотни роз на юбилей, цену скажите', [(R, 50)]),
    ('collective', 'Подписку на полгода сколько стоит?', [(S, 6)]),
    ('approx', 'Нужно около 30 роз для фотосессии, сколько примерно?', [(R, 30)]),
    ('approx', 'роз штук 20 нужно, сколько выйдет', [(R, 20)]),
    ('approx', '~60 роз на свадебную арку, посчитайте', [(R, 60)]),
    ('units', 'Почём 45 стеблей роз?', [(R, 45)]),
    ('units', '5 горшков монстеры сколько стоит', [(M, 5)]),
    ('units', 'Нужно 100 л грунта для пересадки, сколько это?', [(G, 2)]),
    ('units', 'грунт 50л, 3 шт сколько', [(G, 3)]),
    ('words-between', 'Сколько стоят 17 штук ваших красных эквадорских роз?', [(R, 17)]),
    ('words-between', 'Хочу 3 таких больших монстеры, как на фото у вас на сайте', [(M, 3)]),
    ('multi', 'Добрый день! Посчитайте 3 мешка грунта и пять монстер', [(G, 3), (M, 5)]),
    ('multi', 'Хочу 25 роз и доставку на завтра, сколько всего?', [(R, 25), (D, 1)]),
    ('multi', 'Свадьба 20 июня: оформление 10 столов и 101 роза для арки, плюс доставка. Итого сколько?',
     [(T, 10), (R, 101), (D, 1)]),
    ('multi', '2 монстеры, 2 мешка грунта и доставка — сколько будет?', [(M, 2), (G, 2), (D, 1)]),
    ('multi', 'Нужна подписка на 3 месяца и отдельно 11 роз на годовщину', [(S, 3), (R, 11)]),
    ('plural-multiword', 'Сколько стоят 30 роз Эквадор?', [(R, 30)]),
    ('plural-multiword', 'Сколько стоят оформления банкетных столов? Нам надо 16', [(T, 16)]),
    ('typo', 'скок стоят 9 роз?', [(R, 9)]),
    ('typo', 'мностера в горшке 4 шт скока', [(M, 4)]),
    ('typo', 'сколько стоит аформление банкетнава стола на 5 столов', [(T, 5)]),
    ('tier-edge', '24 розы сколько будет?', [(R, 24)]),
    ('tier-edge', 'А 51 роза во сколько обойдётся?', [(R, 51)]),
    ('tier-edge', '9 мешков грунта сколько стоят?', [(G, 9)]),
    ('tier-edge', 'нужно оформить 20 столов на корпоратив, цена?', [(T, 20)]),
    ('tier-edge', 'Подписка на 12 месяцев сколько?', [(S, 12)]),
    ('distractor', 'Здравствуйте, заказ на 14 февраля, 11 роз, мой номер +7 916 555-12-40', [(R, 11)]),
    ('distractor', 'Доставьте 21 розу на ул. Ленина 5, кв. 47 к 18:30, сколько с доставкой?', [(R, 21), (D, 1)]),
    ('distractor', 'У родителей 30 лет свадьбы, хочу 31 розу, стебель 60 см. Сколько?', [(R, 31)]),
    ('distractor', 'По заказу №5521 хочу добавить ещё 2 мешка грунта, сколько доплатить?', [(G, 2)]),
    ('distractor', 'Мастер-класс в субботу 12 апреля в 12:00, нас будет 4, сколько стоит?', [(W, 4)]),
    ('people-x-items', 'На 8 марта хотим подарить каждой из 14 сотрудниц по 3 розы, посчитайте', [(R, 42)]),
    ('people-x-items', 'На банкет 80 гостей, столы по 10 человек, каждый стол оформить цветами. Сколько?', [(T, 8)]),
    ('people-x-items', 'Мы с мамой и сестрой хотим на мастер-класс по флористике, сколько за всех?', [(W, 3)]),
    ('ask-back', 'Хочу букет из роз побольше, сколько будет стоить?', ASK),
    ('ask-back', 'Нужно оформить все столы в ресторане на свадьбу, сколько это будет?', ASK),
    ('ask-back', 'несколько мешков грунта нужно, почём выйдет?', ASK),
    ('ask-back', 'Розы на каждый стол для гостей, сколько будет стоить?', ASK),
    ('not-in-catalog', 'Сколько стоят 15 тюльпанов?', NIC),
    ('not-in-catalog', 'У вас есть орхидеи в горшке? Почём?', NIC),
    ('not-in-catalog', 'Воздушные шары 20 штук сколько стоят?', NIC),
    ('not-in-catalog', 'Сколько стоит подвесное кашпо?', NIC),
]

EN = [
    ('digits-before', 'hi there, what would 13 roses cost me?', [(R, 13)]),
    ('digits-before', 'Need 8 bags of potting soil, how much?', [(G, 8)]),
    ('digits-before', 'quote me 2 months of your flower subscription pls', [(S, 2)]),
    ('digits-after', 'Potted monstera x3 — price?', [(M, 3)]),
    ('digits-after', 'Banquet table decoration for our gala, we need 7. Cost?', [(T, 7)]),
    ('digits-after', 'roses, 45 stems, how much would that be', [(R, 45)]),
    ('no-qty', 'how much are your roses?', [(R, 1)]),
    ('no-qty', 'How much is the floristry workshop?', [(W, 1)]),
    ('no-qty', 'what do you charge for a bag of soil', [(G, 1)]),
    ('number-words', "I'd like twelve red roses for my wife, how much?", [(R, 12)]),
    ('number-words', 'How much would twenty-five roses be?', [(R, 25)]),
    ('number-words', 'thinking of a hundred and one roses for a proposal, how much is that??', [(R, 101)]),
    ('number-words', 'fifty one roses please, total?', [(R, 51)]),
    ('number-words', "We'd like to decorate eleven banquet tables, what would it cost?", [(T, 11)]),
    ('number-words', 'could you book eight of us on the floristry workshop? how much altogether', [(W, 8)]),
    ('collective', 'a couple of potted monsteras, how much?', [(M, 2)]),
    ('collective', 'How much for a dozen white roses?', [(R, 12)]),
    ('collective', "two dozen roses for my mom's birthday", [(R, 24)]),
    ('collective', 'half a dozen bags of soil, price?', [(G, 6)]),
    ('collective', 'A dozen and a half roses — what would that come to?', [(R, 18)]),
    ('approx', 'We need about 15 roses for a photo shoot', [(R, 15)]),
    ('approx', '~40 roses for the wedding arch, rough price?', [(R, 40)]),
    ('approx', 'roughly 30 tables need flower decoration for the conference dinner', [(T, 30)]),
    ('units', 'How much for 60 pcs of roses?', [(R, 60)]),
    ('units', "5 pots of monstera please, what's the total?", [(M, 5)]),
    ('units', 'I need 150 L of soil for my balcony planters', [(G, 3)]),
    ('units', 'soil: 4 bags, 50L each. price?', [(G, 4)]),
    ('words-between', 'Could I get 22 of those lovely Ecuador roses?', [(R, 22)]),
    ('words-between', "I'd like 4 of the big potted monsteras from your window", [(M, 4)]),
    ('multi', 'Quote for 3 monsteras and 3 bags of soil please', [(M, 3), (G, 3)]),
    ('multi', "30 roses plus delivery, what's the total?", [(R, 30), (D, 1)]),
    ('multi', 'Wedding on June 14: decoration for 15 tables, 50 roses and delivery. Total?',
     [(T, 15), (R, 50), (D, 1)]),
    ('multi', 'one monstera, two bags of soil and a courier delivery – how much all in?', [(M, 1), (G, 2), (D, 1)]),
    ('multi', 'a 6-month flower subscription and 9 roses on top, how much?', [(S, 6), (R, 9)]),
    ('plural-multiword', 'How much are 6 Potted Monsteras?', [(M, 6)]),
    ('plural-multiword', 'price for 9 Banquet Table Flower Decorations?', [(T, 9)]),
    ('plural-multiword', '10 Ecuador Roses how much', [(R, 10)]),
    ('typo', 'how muhc for 23 rosses', [(R, 23)]),
    ('typo', 'monstra in pot 2 pcs pric?', [(M, 2)]),
    ('typo', 'decoraton for 13 banquet tabels?', [(T, 13)]),
    ('tier-edge', "what's the price on 100 roses?", [(R, 100)]),
    ('tier-edge', 'We need 20 banquet tables decorated for a corporate party, price?', [(T, 20)]),
    ('tier-edge', 'How much is the workshop for 5 people?', [(W, 5)]),
    ('tier-edge', '12 months of flower subscription - price?', [(S, 12)]),
    ('distractor', "Hi, it's for Feb 14, 19 roses please, call me on +1 415 555 0172", [(R, 19)]),
    ('distractor', 'Order #4471 — can I add 3 more bags of soil? how much extra', [(G, 3)]),
    ('distractor', 'My grandma turns 90 on Sunday, I want 29 roses with 60 cm stems delivered to apt 12 by 5pm. '
     'Total with delivery?', [(R, 29), (D, 1)]),
    ('distractor', 'our 10th anniversary is on the 3rd — 11 roses please, how much', [(R, 11)]),
    ('distractor', 'workshop on Saturday at 12:00, there will be 7 of us, price?', [(W, 7)]),
    ('people-x-items', "3 roses each for 9 teachers at my kid's school - how much?", [(R, 27)]),
    ('people-x-items', 'me, my sister and my mom want to do the floristry workshop, how much for all of us?', [(W, 3)]),
    ('people-x-items', "120 guests at round tables of 10, each table decorated — what's the cost?", [(T, 12)]),
    ('ask-back', 'I want a really big bouquet of roses, how much?', ASK),
    ('ask-back', 'Can you do flowers for all the tables at our reception? what would that cost', ASK),
    ('ask-back', 'a few bags of soil, how much?', ASK),
    ('ask-back', 'Need lots of monsteras for our new office, quote?', ASK),
    ('not-in-catalog', 'How much are 20 tulips?', NIC),
    ('not-in-catalog', 'How much is a peace lily?', NIC),
    ('not-in-catalog', 'do you have helium balloons? 10 of them', NIC),
    ('not-in-catalog', 'price for a ceramic vase?', NIC),
]

MINOR = {'RUB': 2, 'EUR': 2, 'USD': 2}


def to_minor(amount, currency):
    d = MINOR[currency]
    return int(round(amount * 10 ** d))


def percent_of(amount, percent):
    bp = int(round(percent * 100))
    return (amount * bp * 2 + 10_000) // 20_000


def line_total(pid, qty, currency):
    p = products[pid]
    price = next(x for x in p['prices'] if x['currency'] == currency)
    subtotal = to_minor(price['amount'], currency) * qty
    tiers = [d for d in p.get('discounts', []) if not d.get('code') and not d.get('period')
             and d.get('minQuantity', 1) <= qty]
    if tiers:
        tier = sorted(tiers, key=lambda d: (-d.get('minQuantity', 1), -d['percent']))[0]
        subtotal -= percent_of(subtotal, tier['percent'])
    return subtotal


def expect_of(lines):
    if lines == ASK:
        return {'askBack': True}
    if lines == NIC:
        return {'notInCatalog': True}
    for _, q in lines:
        assert isinstance(q, int) and q >= 1
    currency = products[lines[0][0]]['prices'][0]['currency']
    total = sum(line_total(p, q, currency) for p, q in lines)
    d = MINOR[currency]
    major = total / 10 ** d
    if total % 10 ** d == 0:
        major = total // 10 ** d
    return {'lines': [{'product': p, 'qty': q} for p, q in lines], 'total': major, 'currency': currency}


for lang, rows in (('ru', RU), ('en', EN)):
    out = []
    for i, (cls, text, lines) in enumerate(rows, 1):
        out.append(json.dumps({'id': f'q13-{lang}-{i:02d}', 'class': cls, 'text': text, 'expect': expect_of(lines)},
                              ensure_ascii=False))
    (HERE / f'questions-{lang}.jsonl').write_text('\n'.join(out) + '\n', encoding='utf-8')
    counts = Counter(cls for cls, _, _ in rows)
    print(lang, len(rows), dict(counts))
