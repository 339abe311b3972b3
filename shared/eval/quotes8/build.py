# Builds questions-ru.jsonl and questions-en.jsonl from the rows below: each priced row lists its
# (product, quantity) pairs; the total is computed here from catalog.json (highest volume tier reached,
# percentage of the minor-unit subtotal rounded half up, no tax). check.ts re-checks with quote().
import json

cat = json.load(open('catalog.json'))
P = {p['id']: p for p in cat['products']}
K = {'T': 'svc-written-translation', 'N': 'svc-notarial-certification', 'I': 'svc-consecutive-interpreting',
     'A': 'svc-audio-transcription', 'U': 'svc-trade-fair-interpreter'}
ASK, NIC = 'ask', 'nic'

RU = [
  ('digits', 'Сколько будет стоить письменный перевод 12 страниц с немецкого?', [('T', 12)]),
  ('digits', 'Нотариальное заверение — какая у вас цена?', [('N', 1)]),
  ('digits', 'Нужна расшифровка аудио, запись идёт 45 мин.', [('A', 45)]),
  ('number-words', 'Здравствуйте, хотим заказать письменный перевод двадцати трёх страниц договора', [('T', 23)]),
  ('number-words', 'Во сколько обойдётся последовательный перевод на шесть часов?', [('I', 6)]),
  ('number-words', 'Расшифровка аудио, у нас интервью на девяносто минут', [('A', 90)]),
  ('number-words', 'Нотариально заверить одиннадцать документов — сколько выйдет?', [('N', 11)]),
  ('number-words', 'Посчитайте письменный перевод ста двадцати страниц технической документации', [('T', 120)]),
  ('collective-approx', 'Нужен последовательный перевод на пару часов, переговоры с поставщиком', [('I', 2)]),
  ('collective-approx', 'Письменный перевод, страниц десятка три наберётся', [('T', 30)]),
  ('collective-approx', 'Полсотни страниц письменного перевода, какая будет цена?', [('T', 50)]),
  ('collective-approx', 'Расшифровка аудио, записей около 200 минут', [('A', 200)]),
  ('collective-approx', 'Нотариальное заверение на десяток документов сколько стоит?', [('N', 10)]),
  ('collective-approx', 'Выставочный переводчик нужен дня на три, сколько это?', [('U', 3)]),
  ('collective-approx', 'Полтора десятка страниц на письменный перевод, прайс подскажите', [('T', 15)]),
  ('units', 'последовательный перевод 3 ч. сколько', [('I', 3)]),
  ('units', 'Расшифровка аудиозаписи длиной 75 минут', [('A', 75)]),
  ('units', 'письменный перевод 8 стр. с английского', [('T', 8)]),
  ('units', 'Выставочный переводчик на четверо суток, цена?', [('U', 4)]),
  ('words-between', 'Мне понадобится 5 часов вашего последовательного перевода', [('I', 5)]),
  ('words-between', 'Сорок страниц, письменный перевод с китайского на русский — сколько?', [('T', 40)]),
  ('words-between', 'Хочу заказать 16 минут, расшифровка аудио подкаста', [('A', 16)]),
  ('several-products', 'Нужен письменный перевод 18 страниц и нотариальное заверение двух документов', [('T', 18), ('N', 2)]),
  ('several-products', 'Последовательный перевод на восемь часов плюс расшифровка аудио на 30 минут', [('I', 8), ('A', 30)]),
  ('several-products', 'Сколько выйдет: письменный перевод двадцати пяти страниц, нотариальное заверение пяти документов и расшифровка аудио 150 мин', [('T', 25), ('N', 5), ('A', 150)]),
  ('typos', 'скока стоит письменый перевод 7 страниц', [('T', 7)]),
  ('typos', 'нотариалное заверенние трёх документов', [('N', 3)]),
  ('typos', 'последовательный перевод на читыре часа', [('I', 4)]),
  ('typos', 'расшифровка аудио шестьдесять минут', [('A', 60)]),
  ('tiers', 'Письменный перевод 49 страниц — скидка будет?', [('T', 49)]),
  ('tiers', 'Нотариальное заверение 9 документов', [('N', 9)]),
  ('tiers', 'Расшифровка аудио 119 минут', [('A', 119)]),
  ('per-unit-vs-total', 'Почём одна страница письменного перевода, если заказать 60 страниц?', [('T', 60)]),
  ('per-unit-vs-total', 'Сколько стоит час последовательного перевода?', [('I', 1)]),
  ('distractor-numbers', 'Заказ №4471. Письменный перевод 14 страниц к 15 марта, мой телефон +7 912 345-67-80', [('T', 14)]),
  ('distractor-numbers', 'Мы на ул. Ленина, 27, офис 5. Нужен последовательный перевод на 3 часа 12 апреля', [('I', 3)]),
  ('distractor-numbers', 'Выставочный переводчик на 2 дня, выставка с 10 по 11 октября, павильон 8', [('U', 2)]),
  ('distractor-numbers', 'Расшифровка аудио: 25 минут записи, совещание было 2 декабря в 2 часа дня', [('A', 25)]),
  ('implied', 'Расшифровка аудио, запись на 2 ч', [('A', 120)]),
  ('implied', 'У нас 3 доверенности и 2 диплома, нужно нотариальное заверение', [('N', 5)]),
  ('ask-back', 'Нужен письменный перевод нескольких страниц, сколько это будет?', ASK),
  ('ask-back', 'Сколько будет стоить расшифровка аудио всех наших созвонов за месяц?', ASK),
  ('ask-back', 'Последовательный перевод на пару-тройку часов, сколько примерно?', ASK),
  ('ask-back', 'Нотариальное заверение всех документов для визы — сколько?', ASK),
  ('not-in-catalog', 'Сколько стоит синхронный перевод на конференцию на два дня?', NIC),
  ('not-in-catalog', 'У вас есть курсы английского? Интересует 10 уроков', NIC),
  ('not-in-catalog', 'Сколько стоит апостиль на 3 документа?', NIC),
  ('not-in-catalog', 'Озвучка видеоролика на 5 минут — цена?', NIC),
]

EN = [
  ('digits', 'How much for a written translation of 10 pages?', [('T', 10)]),
  ("digits", "What's the price of notarial certification?", [('N', 1)]),
  ('digits', 'Audio transcription for a 35 min recording please', [('A', 35)]),
  ('number-words', 'We need consecutive interpreting for seven hours', [('I', 7)]),
  ('number-words', 'Written translation of twenty-two pages, what would that cost?', [('T', 22)]),
  ('number-words', 'Notarial certification for fourteen documents, how much?', [('N', 14)]),
  ('number-words', 'Audio transcription of two hundred and forty minutes', [('A', 240)]),
  ('number-words', 'Quote me fifteen hundred minutes of audio transcription', [('A', 1500)]),
  ('collective-approx', 'A couple of hours of consecutive interpreting for a meeting, price?', [('I', 2)]),
  ('collective-approx', 'Two dozen pages of written translation — how much?', [('T', 24)]),
  ('collective-approx', 'about 40 minutes of audio transcription', [('A', 40)]),
  ('collective-approx', '~60 pages, written translation from Japanese', [('T', 60)]),
  ('collective-approx', 'Trade fair interpreter for half a dozen days', [('U', 6)]),
  ('collective-approx', 'Roughly a dozen documents need notarial certification', [('N', 12)]),
  ('units', 'consecutive interpreting, 3 hrs', [('I', 3)]),
  ('units', 'audio transcription 90 mins', [('A', 90)]),
  ('units', 'written translation 16 pp.', [('T', 16)]),
  ('units', 'Trade Fair Interpreter for 5 days, what is the rate?', [('U', 5)]),
  ('words-between', 'I need 9 hours of your consecutive interpreting', [('I', 9)]),
  ('words-between', '30 pages of legal contracts, written translation into English', [('T', 30)]),
  ('words-between', 'Can I get 4 days of a trade fair interpreter in Frankfurt?', [('U', 4)]),
  ('several-products', 'Written translation of 20 pages plus notarial certification of 4 documents', [('T', 20), ('N', 4)]),
  ('several-products', 'Need consecutive interpreting for ten hours and audio transcription of sixty minutes', [('I', 10), ('A', 60)]),
  ('several-products', 'Quote for 5 pages of written translation, 1 notarial certification and 20 minutes of audio transcription', [('T', 5), ('N', 1), ('A', 20)]),
  ('multiword-plural', 'How much are Notarial Certifications for 6 documents?', [('N', 6)]),
  ("multiword-plural", "We'd need Written Translations for 11 pages", [('T', 11)]),
  ('typos', 'how much for writen translaton of 9 pages', [('T', 9)]),
  ('typos', 'consecutve interpretting, 5 hours', [('I', 5)]),
  ('typos', 'notarial certfication for twelv documents', [('N', 12)]),
  ('typos', 'audio transcripton for fourty minutes', [('A', 40)]),
  ('tiers', 'written translation, 19 pages', [('T', 19)]),
  ('tiers', 'Trade fair interpreter, 2 days only', [('U', 2)]),
  ('tiers', 'transcription of 119 minutes of audio', [('A', 119)]),
  ('per-unit-vs-total', "What's the per-page price for written translation if we order 55 pages?", [('T', 55)]),
  ('per-unit-vs-total', 'How much is one minute of audio transcription?', [('A', 1)]),
  ('distractor-numbers', 'Order #88213: written translation of 13 pages, deadline June 3, call me at +1 415 555 0172', [('T', 13)]),
  ('distractor-numbers', 'Consecutive interpreting at 221 Baker Street, 2nd floor, for 4 hours on May 21', [('I', 4)]),
  ('distractor-numbers', 'Audio transcription: the recording from our 2024 board meeting runs 50 minutes', [('A', 50)]),
  ('distractor-numbers', 'Trade fair interpreter for 3 days at stand B12, hall 4, budget $1,000', [('U', 3)]),
  ('implied', 'Audio transcription of two 30-minute interviews', [('A', 60)]),
  ('ask-back', "How much would written translation of our company's documents be?", ASK),
  ('ask-back', 'Consecutive interpreting for a few hours next week, rough price?', ASK),
  ('ask-back', 'audio transcription for 2-3 hours of recordings', ASK),
  ('ask-back', "Notarial certification for all my family's papers, how much?", ASK),
  ('not-in-catalog', 'How much is simultaneous interpreting with a booth for one day?', NIC),
  ('not-in-catalog', 'Do you do voice-over for a 3-minute video?', NIC),
  ('not-in-catalog', 'Price for 8 English lessons with a tutor?', NIC),
  ('not-in-catalog', 'How much for an apostille on 2 documents?', NIC),
  ('not-in-catalog', 'sign language interpreter for 2 hours?', NIC),
]


def line_total_minor(pid, qty):
    p = P[pid]
    price = p['prices'][0]
    sub = round(price['amount'] * 100) * qty
    tiers = [d for d in p.get('discounts', []) if d.get('minQuantity', 1) <= qty and 'code' not in d and 'period' not in d]
    if tiers:
        d = sorted(tiers, key=lambda d: (-d.get('minQuantity', 1), -d['percent']))[0]
        bp = round(d['percent'] * 100)
        off = (sub * bp * 2 + 10000) // 20000
        sub -= off
    return sub, price['currency']


def expect_of(e):
    if e == ASK:
        return {'askBack': True}
    if e == NIC:
        return {'notInCatalog': True}
    total, cur = 0, None
    lines = []
    for k, q in e:
        pid = K[k]
        t, c = line_total_minor(pid, q)
        assert cur in (None, c), 'currencies mixed'
        cur = c
        total += t
        lines.append({'product': pid, 'qty': q})
    v = total / 100
    return {'lines': lines, 'total': int(v) if v == int(v) else v, 'currency': cur}


for lang, rows in (('ru', RU), ('en', EN)):
    with open(f'questions-{lang}.jsonl', 'w') as f:
        for i, (cls, text, e) in enumerate(rows, 1):
            f.write(json.dumps({'id': f'q8-{lang}-{i:02d}', 'class': cls, 'text': text, 'expect': expect_of(e)},
                               ensure_ascii=False) + '\n')
    print(lang, len(rows))
