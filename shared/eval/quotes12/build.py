#!/usr/bin/env python3
"""Price-question set 12 (issue 61, bakery and cake shop): writes questions-ru.jsonl and questions-en.jsonl.

The sentences are hand-written one by one below, each with the (product, quantity) pairs it must be
quoted for, or ASK (the reply must ask how many) or NIC (not sold here: no amount). Totals are computed
here from catalog.json by the pricing rules (per line: unit price x quantity in minor units, the highest
volume tier the quantity reaches, the percentage of the minor-unit subtotal rounded half up; no tax;
the message's total is the sum of its lines), and checked again with quote() by check.ts.

A fractional quantity (2,5 kg of cake) is priced exactly: 2.5 x the price per kg, the tier reached by
2.5. quote() floors a quantity to a whole number, so check.ts checks those rows through quote() on a
catalog scaled to the quantity's decimals (see check.ts) and reports what plain quote() would say.

Run: python3 build.py && ../../../node_modules/.bin/tsx check.ts
"""
import json
import os
from fractions import Fraction

HERE = os.path.dirname(os.path.abspath(__file__))
CAT = json.load(open(os.path.join(HERE, 'catalog.json'), encoding='utf-8'))
BY_ID = {p['id']: p for p in CAT['products']}

CAKE = 'cake-custom'  # RUB 2600 / kg; 5+ 5%, 10+ 10%
CUP = 'cupcake'  # RUB 250 / pcs; 12+ 5%, 24+ 10%
MAC = 'macaron-box'  # RUB 1450 / box of 12; 10+ 10%
BREAD = 'bread-sourdough'  # RUB 390 / loaf; 10+ 5%, 30+ 10%
BAR = 'candy-bar'  # RUB 890 / guest; 30+ 5%, 60+ 12%
MC = 'baking-masterclass'  # EUR 55 / participant (EUR only); 6+ 10%
DEL = 'delivery'  # RUB 700 / trip

ASK = 'ask'
NIC = 'nic'

RU = [
    # digits before/after the product, or no quantity (price of one)
    ('digits', 'Здравствуйте! Подскажите, сколько стоит торт на заказ?', [(CAKE, 1)]),
    ('digits', 'капкейки 18 шт сколько выйдет', [(CUP, 18)]),
    ('digits', 'Добрый день, нужно 4 коробки макарон к пятнице, успеете? и сколько это будет', [(MAC, 4)]),
    ('digits', 'Хлеб на закваске почём у вас?', [(BREAD, 1)]),
    ('digits', 'а доставка по городу сколько стоит?', [(DEL, 1)]),
    # units written various ways
    ('units', 'Хочу торт на заказ на 4 кило, во сколько обойдётся?', [(CAKE, 4)]),
    ('units', 'Сколько будет стоить торт на заказ весом 6 килограммов? Юбилей у мамы', [(CAKE, 6)]),
    ('units', 'Кэнди-бар на 40 человек почем?', [(BAR, 40)]),
    ('units', 'нужен десертный стол на свадьбу, гостей 75', [(BAR, 75)]),
    ('units', 'Капкейков 30 шт. посчитайте пожалуйста', [(CUP, 30)]),
    # numbers in words, cases and genders
    ('number-words', 'Мастер-класс по выпечке для двух человек сколько стоит?', [(MC, 2)]),
    ('number-words', 'Нам нужно пятнадцать капкейков на день рождения дочки, сколько будет?', [(CUP, 15)]),
    ('number-words', 'Кэнди-бар для тридцати пяти гостей, какая сумма получится?', [(BAR, 35)]),
    ('number-words', 'Посчитайте, пожалуйста, торт на заказ из расчёта трёх килограммов', [(CAKE, 3)]),
    ('number-words', 'Берём для кафе двадцать буханок хлеба на закваске, какая цена за всё?', [(BREAD, 20)]),
    ('number-words', 'Полсотни капкейков на корпоратив, сколько с нас?', [(CUP, 50)]),
    ('number-words', 'Мастер-класс по выпечке хотим на пятерых, сколько это в евро?', [(MC, 5)]),
    # collective and approximate
    ('collective-approx', 'Пару коробок макарон можно заказать? сколько это будет', [(MAC, 2)]),
    ('collective-approx', 'Десяток капкейков с шоколадным кремом хочу, какая цена?', [(CUP, 10)]),
    ('collective-approx', 'Полтора десятка буханок хлеба на закваске на субботу отложите? сколько с меня?', [(BREAD, 15)]),
    ('collective-approx', 'Нужен кэнди-бар, будет около 30 гостей, сколько стоить будет?', [(BAR, 30)]),
    ('collective-approx', 'Торт на заказ килограмма на четыре, примерно сколько по деньгам?', [(CAKE, 4)]),
    ('collective-approx', 'дюжина капкейков сколько стоит', [(CUP, 12)]),
    # decimal quantities (the unit is kg)
    ('decimal', 'Торт на заказ 2,5 кг с ягодами, сколько?', [(CAKE, Fraction(5, 2))]),
    ('decimal', 'Нужен торт на заказ весом 1.5 кг сыну на годик, цена?', [(CAKE, Fraction(3, 2))]),
    ('decimal', 'Сколько будет стоить торт на заказ на три с половиной килограмма?', [(CAKE, Fraction(7, 2))]),
    # words between the number and the product
    ('words-between', '2 кг вашего медового торта на заказ, сколько это?', [(CAKE, 2)]),
    ('words-between', 'Возьмём 3 коробки ваших французских макарон', [(MAC, 3)]),
    ('words-between', 'Хочу 20 штук ванильных капкейков на выпускной', [(CUP, 20)]),
    ('words-between', 'Запишите 4 места на субботний мастер-класс по выпечке, сколько платить?', [(MC, 4)]),
    # several products in one message
    ('several-products', 'Добрый вечер! На день рождения нужно: торт на заказ 3 кг, 12 капкейков и доставка. Сколько всего?',
     [(CAKE, 3), (CUP, 12), (DEL, 1)]),
    ('several-products', '2 буханки хлеба на закваске и одну коробку макарон, пожалуйста', [(BREAD, 2), (MAC, 1)]),
    ('several-products', 'Свадьба, гостей 60. Кэнди-бар на всех, торт на заказ на 8 кг и доставка в ресторан. Сколько всего?',
     [(BAR, 60), (CAKE, 8), (DEL, 1)]),
    ('several-products', 'капкейки две дюжины и три коробки макарон, сколько вместе?', [(CUP, 24), (MAC, 3)]),
    ('several-products', 'на выпускной: торт на заказ шесть кило и кэнди-бар на 45 человек, доставка в школу тоже нужна',
     [(CAKE, 6), (BAR, 45), (DEL, 1)]),
    ('several-products', 'Хлеб на закваске 5 шт и капкейки 6 шт с доставкой, посчитайте итог', [(BREAD, 5), (CUP, 6), (DEL, 1)]),
    # plurals of multi-word names
    ('multiword-plural', 'Семь коробок макарон на подарки коллегам, сколько получится?', [(MAC, 7)]),
    ('multiword-plural', 'Десертные столы у вас на 25 гостей сколько стоят?', [(BAR, 25)]),
    # typos
    ('typos', 'скока стоят капкеки 16 штук', [(CUP, 16)]),
    ('typos', 'торт на зака 5 килогрм сколько', [(CAKE, 5)]),
    ('typos', 'мастер клас по выпечки на троих скока евро', [(MC, 3)]),
    ('typos', 'кенди бар на питдесят гостей', [(BAR, 50)]),
    # just below and just above a tier
    ('tiers', '11 капкейков сколько будет?', [(CUP, 11)]),
    ('tiers', 'Капкейки, 23 штуки, на завтра. Сколько?', [(CUP, 23)]),
    ('tiers', 'Торт на заказ 10 кг на корпоратив, какая цена со скидкой?', [(CAKE, 10)]),
    ('tiers', 'Кэнди-бар на 29 гостей', [(BAR, 29)]),
    ('tiers', 'Мастер-класс по выпечке, нас 6 человек, сколько выйдет?', [(MC, 6)]),
    # distractor numbers
    ('distractor-numbers', 'Добрый день! Дочке 7 лет 15 марта, нужно 20 капкейков. Мой номер 8 916 123-45-67, перезвоните',
     [(CUP, 20)]),
    ('distractor-numbers', 'Торт на заказ двухъярусный, 4 кг, нижний ярус диаметр 26 см, сколько?', [(CAKE, 4)]),
    ('distractor-numbers', 'К заказу №1187 добавьте 2 коробки макарон по 12 шт. Сколько доплатить?', [(MAC, 2)]),
    ('distractor-numbers', 'Хлеб на закваске 12 буханок, заберу 24.12 в 8:30, сколько с меня?', [(BREAD, 12)]),
    ('distractor-numbers', 'Нас 3 семьи, праздник 31 декабря с 18:00, кэнди-бар на 22 гостя. Какая стоимость?', [(BAR, 22)]),
    ('distractor-numbers', 'коробка макарон 12 шт сколько стоит?', [(MAC, 1)]),
    # implied quantities (asking back is acceptable)
    ('implied', 'Нужно 36 макарон, они же у вас по коробкам? Сколько будет?', [(MAC, 3)]),
    ('implied', 'Капкейки на два класса, в каждом по 25 детей, каждому по одному. Сколько стоит?', [(CUP, 50)]),
    # ask back: the quantity cannot be known
    ('ask-back', 'Кэнди-бар хотим на всех гостей свадьбы, сколько это будет стоить?', ASK),
    ('ask-back', 'Нам капкейков на весь офис, сколько выйдет?', ASK),
    ('ask-back', 'Хлеб на закваске для кафе, по несколько буханок каждый день, сколько за раз?', ASK),
    ('ask-back', 'Торт на заказ, вес пока не знаем, где-то от 3 до 5 кило, сколько стоить будет?', ASK),
    # not in the catalog
    ('not-in-catalog', 'А пиццу вы делаете? Нужно 3 большие', NIC),
    ('not-in-catalog', 'Есть ли у вас эклеры? штук 30 надо', NIC),
    ('not-in-catalog', 'Сколько стоит аниматор на детский праздник на 2 часа?', NIC),
    ('not-in-catalog', 'Кофе навынос продаёте? 10 стаканчиков латте', NIC),
]

EN = [
    # digits before/after the product, or no quantity (price of one)
    ('digits', 'hi! how much is one cupcake?', [(CUP, 1)]),
    ('digits', 'Can I order 3 sourdough loaves for tomorrow morning?', [(BREAD, 3)]),
    ('digits', 'macaron box x2 pls, how much', [(MAC, 2)]),
    ('digits', 'What does delivery cost?', [(DEL, 1)]),
    ('digits', 'custom cake 4kg price?', [(CAKE, 4)]),
    # units written various ways
    ('units', "We'd like a custom cake, 7 kilos, for our wedding", [(CAKE, 7)]),
    ('units', 'Candy bar for 55 persons, what is the cost', [(BAR, 55)]),
    ('units', 'How much would the dessert table be for 80 people?', [(BAR, 80)]),
    ('units', 'cupcakes 26 pcs', [(CUP, 26)]),
    ('units', "custom cake of two kilograms, what's the price", [(CAKE, 2)]),
    # numbers in words
    ('number-words', "I need twelve cupcakes for my son's birthday", [(CUP, 12)]),
    ('number-words', 'Twenty-five cupcakes for Friday please', [(CUP, 25)]),
    ('number-words', 'Candy bar for forty guests, what would that come to?', [(BAR, 40)]),
    ('number-words', 'Could you quote the baking master class for three participants?', [(MC, 3)]),
    ('number-words', 'eight boxes of macarons for wedding favours, how much', [(MAC, 8)]),
    ('number-words', 'A custom cake weighing nine kilograms, how much would that be?', [(CAKE, 9)]),
    # collective and approximate
    ('collective-approx', 'a couple of sourdough loaves please, how much?', [(BREAD, 2)]),
    ('collective-approx', 'A dozen cupcakes, vanilla, how much?', [(CUP, 12)]),
    ('collective-approx', 'half a dozen cupcakes for a small birthday, price?', [(CUP, 6)]),
    ('collective-approx', 'Candy bar for ~45 guests', [(BAR, 45)]),
    ('collective-approx', "about 15 sourdough loaves for our cafe on Saturday, what's the price?", [(BREAD, 15)]),
    ('collective-approx', 'Custom cake, roughly 5 kilos. Price?', [(CAKE, 5)]),
    # decimal quantities (the unit is kg)
    ('decimal', 'Custom cake 1.5 kg please', [(CAKE, Fraction(3, 2))]),
    ('decimal', 'can you do a custom cake of 2.5 kilos? how much', [(CAKE, Fraction(5, 2))]),
    ('decimal', 'Custom cake, four and a half kilos, what does that cost?', [(CAKE, Fraction(9, 2))]),
    # words between the number and the product
    ('words-between', '24 of your vanilla cupcakes please', [(CUP, 24)]),
    ('words-between', 'We want 3 kilos of your custom cake with berries', [(CAKE, 3)]),
    ('words-between', '2 seats at the baking master class this Saturday?', [(MC, 2)]),
    ('words-between', 'Can I get 4 of those macaron boxes?', [(MAC, 4)]),
    # several products in one message
    ('several-products', 'Hi there, for a birthday party: custom cake 3 kg, 18 cupcakes, plus delivery. Total?',
     [(CAKE, 3), (CUP, 18), (DEL, 1)]),
    ('several-products', 'two sourdough loaves and one macaron box', [(BREAD, 2), (MAC, 1)]),
    ('several-products', 'Wedding, 70 guests. Candy bar for everyone and a 10 kg custom cake, delivered to the venue',
     [(BAR, 70), (CAKE, 10), (DEL, 1)]),
    ('several-products', 'a dozen cupcakes and 2 boxes of macarons, how much altogether?', [(CUP, 12), (MAC, 2)]),
    ('several-products', 'Office party: forty cupcakes, five macaron boxes and delivery to our office',
     [(CUP, 40), (MAC, 5), (DEL, 1)]),
    ('several-products', 'Sourdough loaves x10 and cupcakes x10', [(BREAD, 10), (CUP, 10)]),
    # plurals of multi-word names
    ('multiword-plural', 'How much are 3 Macaron Boxes?', [(MAC, 3)]),
    ('multiword-plural', 'Price for 12 Sourdough Loaves', [(BREAD, 12)]),
    ('multiword-plural', 'Baking Master Classes for 4 people, how much?', [(MC, 4)]),
    # typos
    ('typos', 'how much for 20 cupckaes', [(CUP, 20)]),
    ('typos', 'custum cake 6 kgs', [(CAKE, 6)]),
    ('typos', 'candybar for 35 guets', [(BAR, 35)]),
    ('typos', 'sourdouhg loafs x 4', [(BREAD, 4)]),
    # just below and just above a tier
    ('tiers', '11 cupcakes', [(CUP, 11)]),
    ('tiers', '23 cupcakes please', [(CUP, 23)]),
    ('tiers', 'Baking master class for 5 people', [(MC, 5)]),
    ('tiers', 'Candy bar for 30 guests', [(BAR, 30)]),
    ('tiers', '9 sourdough loaves, how much?', [(BREAD, 9)]),
    # distractor numbers
    ('distractor-numbers', 'My daughter turns 6 on the 14th, we need 18 cupcakes, call me at +44 7700 900123',
     [(CUP, 18)]),
    ('distractor-numbers', '3-tier custom cake, 8 kg, bottom tier 30 cm, how much?', [(CAKE, 8)]),
    ('distractor-numbers', 'Order #2291 - can you add 2 sourdough loaves to it?', [(BREAD, 2)]),
    ('distractor-numbers', 'Deliver to flat 14, 221 Baker Street at 10:30. How much is the delivery?', [(DEL, 1)]),
    ('distractor-numbers', 'Macaron box of 12, how much for one?', [(MAC, 1)]),
    ('distractor-numbers', 'Party on Dec 20 at 5pm, candy bar for 34 guests', [(BAR, 34)]),
    # implied quantities (asking back is acceptable)
    ('implied', "We need 48 macarons, so however many boxes that is. What's the price?", [(MAC, 4)]),
    ('implied', 'Cupcakes for 2 classes of 25 kids, one each, what would that cost', [(CUP, 50)]),
    ('implied', 'Baking master class for me and my two friends, how much?', [(MC, 3)]),
    # ask back: the quantity cannot be known
    ('ask-back', 'enough cupcakes for the office please, how much?', ASK),
    ('ask-back', 'Candy bar for all our wedding guests, what would it cost?', ASK),
    ('ask-back', "a few boxes of macarons, what's the total?", ASK),
    ('ask-back', 'Custom cake, somewhere between 3 and 6 kg, price?', ASK),
    # not in the catalog
    ('not-in-catalog', 'Do you sell croissants? Need 20', NIC),
    ('not-in-catalog', 'How much for a gluten-free pizza?', NIC),
    ('not-in-catalog', 'Can you cater hot meals for 50 guests?', NIC),
    ('not-in-catalog', 'Do you do balloon decorations for kids parties?', NIC),
]


def minor_digits(cur):
    return 0 if cur in ('JPY', 'KRW') else 2


def line_minor(pid, qty, cur):
    p = BY_ID[pid]
    price = next(x for x in p['prices'] if x['currency'] == cur)
    unit = round(price['amount'] * 10 ** minor_digits(cur))
    sub = Fraction(unit) * Fraction(qty)
    assert sub.denominator == 1, (pid, qty)
    sub = int(sub)
    tiers = [d for d in p.get('discounts', []) if d.get('minQuantity', 1) <= qty and 'code' not in d and 'period' not in d]
    if tiers:
        best = sorted(tiers, key=lambda d: (-d.get('minQuantity', 1), -d['percent']))[0]
        bp = round(best['percent'] * 100)
        off = (sub * bp * 2 + 10000) // 20000
        sub -= off
    return sub


def as_number(q):
    q = Fraction(q)
    return int(q) if q.denominator == 1 else float(q)


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
    return {'lines': [{'product': pid, 'qty': as_number(q)} for pid, q in lines], 'total': major, 'currency': cur}


def write(rows, lang):
    seen = set()
    counts = {}
    with open(os.path.join(HERE, f'questions-{lang}.jsonl'), 'w', encoding='utf-8') as f:
        for i, (cls, text, lines) in enumerate(rows, 1):
            assert text not in seen, text
            seen.add(text)
            counts[cls] = counts.get(cls, 0) + 1
            row = {'id': f'q12-{lang}-{i:02d}', 'class': cls, 'text': text, 'expect': expect_of(lines)}
            f.write(json.dumps(row, ensure_ascii=False) + '\n')
    print(lang, len(rows), ' '.join(f'{k}={v}' for k, v in counts.items()))


write(RU, 'ru')
write(EN, 'en')
