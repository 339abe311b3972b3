import json, os
os.chdir(os.path.dirname(os.path.abspath(__file__)))
products = [
 {"id":"p-chair","sku":"CH-1","name":"Ergo Chair","names":{"ru":"Кресло Ergo","en":"Ergo Chair"},"unit":"pcs","kind":"product",
  "prices":[{"currency":"RUB","amount":12000},{"currency":"USD","amount":150}],
  "discounts":[{"percent":5,"minQuantity":10},{"percent":10,"minQuantity":50}]},
 {"id":"p-desk","sku":"DK-2","name":"Standing Desk","names":{"ru":"Стол с подъёмом","en":"Standing Desk"},"unit":"pcs","kind":"product",
  "prices":[{"currency":"RUB","amount":30000},{"currency":"USD","amount":400}],
  "discounts":[{"percent":7,"minQuantity":5}]},
 {"id":"p-arm","sku":"MA-3","name":"Dual Monitor Arm","names":{"ru":"Кронштейн для двух мониторов","en":"Dual Monitor Arm"},"unit":"pcs","kind":"product",
  "prices":[{"currency":"RUB","amount":5000},{"currency":"USD","amount":60}],
  "discounts":[{"percent":10,"minQuantity":20}]},
 {"id":"p-asm","sku":"AS-4","name":"Assembly","names":{"ru":"Сборка","en":"Assembly"},"unit":"hour","kind":"service",
  "prices":[{"currency":"RUB","amount":2000},{"currency":"USD","amount":25}],
  "discounts":[{"percent":15,"minQuantity":10}]},
]
by={p["id"]:p for p in products}
def total(lines,cur):
  t=0
  for pid,q in lines:
    p=by[pid]; price=[x["amount"] for x in p["prices"] if x["currency"]==cur][0]
    tiers=[d for d in p["discounts"] if d["minQuantity"]<=q]
    pct=max(tiers,key=lambda d:d["minQuantity"])["percent"] if tiers else 0
    sub=round(price*q*100)
    off=round(sub*pct/100)
    t+=sub-off
  return t/100
def Q(text,lines=None,cur=None,cls="",ask=False,notin=False):
  if notin: return {"text":text,"class":cls,"expect":{"notInCatalog":True}}
  if ask: return {"text":text,"class":cls,"expect":{"askBack":True}}
  return {"text":text,"class":cls,"expect":{"lines":[{"product":p,"qty":q} for p,q in lines],"total":total(lines,cur),"currency":cur}}
C,D,A,S="p-chair","p-desk","p-arm","p-asm"
ru=[
 Q("Сколько стоят 20 кресел Ergo?",[(C,20)],"RUB","digits"),
 Q("Нужно пятнадцать офисных кресел Ergo, сколько выйдет?",[(C,15)],"RUB","words"),
 Q("Посчитайте для двадцати кресел Ergo",[(C,20)],"RUB","words-case"),
 Q("Хотим сорок кресел Ergo, какая цена?",[(C,40)],"RUB","words"),
 Q("Сколько будет стоить около сорока кресел Ergo?",[(C,40)],"RUB","approximate"),
 Q("Цена на полсотни кресел Ergo?",[(C,50)],"RUB","words-half"),
 Q("Почём десяток столов с подъёмом?",[(D,10)],"RUB","collective"),
 Q("Нужна пара столов с подъёмом, сколько стоит?",[(D,2)],"RUB","pair"),
 Q("Сколько стоит полтора десятка кресел Ergo?",[(C,15)],"RUB","words-compound"),
 Q("Нам на троих нужно столы с подъёмом — сколько за троих?",[(D,3)],"RUB","collective"),
 Q("Сто двадцать кресел Ergo — какая будет сумма?",[(C,120)],"RUB","words-compound"),
 Q("Сколько стоят 4 часа сборки?",[(S,4)],"RUB","words-between"),
 Q("Нужно 12 ваших кресел Ergo, посчитайте",[(C,12)],"RUB","words-between"),
 Q("кресел Ergo нужно штук двадцать, почём?",[(C,20)],"RUB","inverted"),
 Q("Кресло Ergo x 25 — сколько?",[(C,25)],"RUB","after"),
 Q("Стол с подъёмом — 6 шт, цена?",[(D,6)],"RUB","after"),
 Q("Сколько стоят 2 стола с подъёмом и четыре кресла Ergo?",[(D,2),(C,4)],"RUB","several"),
 Q("3 стола с подъёмом плюс 3 кронштейна для двух мониторов — сколько всего?",[(D,3),(A,3)],"RUB","several"),
 Q("Сколько стоят 25 кронштейнов для двух мониторов?",[(A,25)],"RUB","plural-multiword"),
 Q("Почём кронштейны для двух мониторов, нужно 8 штук",[(A,8)],"RUB","plural-multiword"),
 Q("Сколько стоит кресло Ergo?",[(C,1)],"RUB","no-quantity"),
 Q("Какая цена у стола с подъёмом?",[(D,1)],"RUB","no-quantity"),
 Q("Сколько стоят 10 кресел Ergo в долларах?",[(C,10)],"USD","currency"),
 Q("Нужно двенадцать кресел Ergo и сборка 5 часов, посчитайте",[(C,12),(S,5)],"RUB","several"),
 Q("Хотим ~60 кресел Ergo, сколько это будет?",[(C,60)],"RUB","approximate"),
 Q("Сколько будут стоить несколько кресел Ergo?",ask=True,cls="vague"),
 Q("Нужно много столов с подъёмом, какая цена?",ask=True,cls="vague"),
 Q("Почём пятнацать кресел Ergo?",[(C,15)],"RUB","typo"),  # see NOTES.md
 Q("Нужно 20-30 кресел Ergo, сколько стоит?",ask=True,cls="range"),
 Q("Кресла Ergo для офиса, нас 15 человек — сколько будет?",ask=True,cls="people"),
 Q("Нужно 3 стола с подъёмом и кресла Ergo, сколько выйдет?",ask=True,cls="partial-quantity"),
 Q("Сколько стоят десятки кресел Ergo?",ask=True,cls="vague"),
 Q("Бюджет 300 тыс, сколько кресел Ergo можно взять?",[(C,1)],"RUB","money-not-quantity"),
 Q("Сколько стоят двадцать пять кресел Ergo?",[(C,25)],"RUB","words-compound"),
 Q("Сколько стоят пятерым сотрудникам по креслу Ergo?",[(C,5)],"RUB","collective"),
]
en=[
 Q("How much for 20 Ergo Chairs?",[(C,20)],"USD","digits"),
 Q("We need twelve Ergo chairs, what's the price?",[(C,12)],"USD","words"),
 Q("Price for twenty-five Ergo Chairs?",[(C,25)],"USD","words-compound"),
 Q("What would a dozen Ergo Chairs cost?",[(C,12)],"USD","dozen"),
 Q("How much is a couple of Standing Desks?",[(D,2)],"USD","pair"),
 Q("Half a dozen Standing Desks, how much?",[(D,6)],"USD","dozen"),
 Q("About 120 Ergo Chairs — what would that cost?",[(C,120)],"USD","approximate"),
 Q("How much for 3 hours of assembly?",[(S,3)],"USD","words-between"),
 Q("Price for 12 of your Ergo chairs?",[(C,12)],"USD","words-between"),
 Q("How much for 3 standing desks plus 3 dual monitor arms?",[(D,3),(A,3)],"USD","several"),
 Q("Quote me 4 Dual Monitor Arms and 2 Standing Desks please",[(A,4),(D,2)],"USD","several"),
 Q("How much are 25 Dual Monitor Arms?",[(A,25)],"USD","plural-multiword"),
 Q("Ergo Chair x 30, total?",[(C,30)],"USD","after"),
 Q("Standing Desk - 5 pcs, how much?",[(D,5)],"USD","after"),
 Q("How much is the Ergo Chair?",[(C,1)],"USD","no-quantity"),
 Q("What's the price of a Dual Monitor Arm?",[(A,1)],"USD","no-quantity"),
 Q("How much for 10 Ergo Chairs in rubles?",[(C,10)],"RUB","currency"),
 Q("We need fifty Ergo Chairs and ten hours of assembly, total?",[(C,50),(S,10)],"USD","several"),
 Q("one hundred Ergo chairs, what's the total?",[(C,100)],"USD","words-compound"),
 Q("What do 15 standing desks cost?",[(D,15)],"USD","digits"),
 Q("Roughly 40 Ergo Chairs, how much?",[(C,40)],"USD","approximate"),
 Q("How much for two thousand Ergo chairs?",[(C,2000)],"USD","words-compound"),
 Q("What would several Ergo Chairs cost?",ask=True,cls="vague"),
 Q("How much for a few Standing Desks?",ask=True,cls="vague"),
 Q("Price for twelwe Ergo chairs?",[(C,12)],"USD","typo"),  # see NOTES.md
 Q("We need 20-30 Ergo Chairs, how much?",ask=True,cls="range"),
 Q("Ergo chairs for our 15 employees, what's the price?",ask=True,cls="people"),
 Q("How much for 3 Standing Desks and some Ergo Chairs?",ask=True,cls="partial-quantity"),
 Q("Dozens of Ergo Chairs, what's the price?",ask=True,cls="vague"),
 Q("Our budget is $5k, how many Ergo Chairs can we get?",[(C,1)],"USD","money-not-quantity"),
 Q("Need Ergo Chairs for the team, lots of them — price?",ask=True,cls="vague"),
 Q("How much for 7 Ergo Chairs?",[(C,7)],"USD","digits"),
]

# Written by the issue-61 helper (h61q) after the first 67: more phrasings per class, both languages.
ru += [
 Q("Сколько стоят тридцать два кресла Ergo?",[(C,32)],"RUB","words-compound"),
 Q("Нужно двадцать одно кресло Ergo, посчитайте",[(C,21)],"RUB","words-case"),
 Q("Посчитайте стоимость трёх столов с подъёмом",[(D,3)],"RUB","words-case"),
 Q("Цена за пять столов с подъемом?",[(D,5)],"RUB","words"),
 Q("Сколько за пару кронштейнов для двух мониторов?",[(A,2)],"RUB","pair"),
 Q("Хочу заказать полтора десятка столов с подъёмом",[(D,15)],"RUB","words-compound"),
 Q("Сколько стоит сотня кресел Ergo?",[(C,100)],"RUB","collective"),
 Q("Цена на две сотни кресел Ergo",[(C,200)],"RUB","collective"),
 Q("Нам нужно семь часов сборки, сколько это?",[(S,7)],"RUB","words-between"),
 Q("Сборка 12 часов — сколько стоит?",[(S,12)],"RUB","unit-words"),
 Q("Сколько будет 3 ч сборки?",[(S,3)],"RUB","unit-words"),
 Q("Сколько стоят 15 шт. кресел Ergo?",[(C,15)],"RUB","unit-words"),
 Q("Посчитайте: кресло Ergo — 10 штук, стол с подъёмом — 5 штук",[(C,10),(D,5)],"RUB","several"),
 Q("2 стола с подъёмом, 2 кресла Ergo и 2 кронштейна для двух мониторов — итого?",[(D,2),(C,2),(A,2)],"RUB","several"),
 Q("Нужны 4 стола с подъёмом, 4 кресла Ergo и сборка на 6 часов",[(D,4),(C,4),(S,6)],"RUB","several"),
 Q("Сколько стоят 20 кресел Эрго?",[(C,20)],"RUB","typo-name"),
 Q("Сколько стоят 6 столов с подьёмом?",[(D,6)],"RUB","typo-name"),
 Q("Цена 8 кронштейнов для 2 мониторов",[(A,8)],"RUB","typo-name"),
 Q("Сколько стоит кресло Ergo, если брать 50 штук?",[(C,50)],"RUB","per-each"),
 Q("Какая цена за штуку кресла Ergo при заказе 20 штук?",[(C,20)],"RUB","per-each"),
 Q("Сколько стоит одно кресло Ergo?",[(C,1)],"RUB","unit-price"),
 Q("Почём 40 кресел Ergo в долларах?",[(C,40)],"USD","currency"),
 Q("Сколько в долларах выйдет 5 столов с подъёмом?",[(D,5)],"USD","currency"),
 Q("Стоимость 12 кресел Ergo в рублях",[(C,12)],"RUB","currency"),
 Q("Сколько стоят кресла Ergo?",[(C,1)],"RUB","no-quantity"),
 Q("Хочу купить кресло Ergo и стол с подъёмом, сколько стоит?",[(C,1),(D,1)],"RUB","no-quantity"),
 Q("Нам нужно оборудовать 8 рабочих мест: 8 столов с подъёмом и 8 кресел Ergo",[(D,8),(C,8)],"RUB","several"),
 Q("Сколько будут стоить четыре стола с подъёмом и восемь кронштейнов для двух мониторов?",[(D,4),(A,8)],"RUB","several"),
 Q("Двадцать кресел Ergo и десять часов сборки — сколько?",[(C,20),(S,10)],"RUB","several"),
 Q("Сколько стоит сборка на 3 часа?",[(S,3)],"RUB","unit-words"),
 Q("Почём сборка? Нужно часов пять",[(S,5)],"RUB","inverted"),
 Q("Нужен десяток кресел Ergo, какая цена?",[(C,10)],"RUB","collective"),
 Q("Сколько стоят полсотни кронштейнов для двух мониторов?",[(A,50)],"RUB","words-half"),
 Q("пару кресел Ergo сколько стоит",[(C,2)],"RUB","pair"),
 Q("Цена трёх кресел Ergo и двух столов с подъёмом?",[(C,3),(D,2)],"RUB","several"),
 Q("Сколько стоят тридцать столов с подъёмом?",[(D,30)],"RUB","words"),
 Q("Посчитайте 1000 кресел Ergo",[(C,1000)],"RUB","digits"),
 Q("Сколько стоят 1 500 кресел Ergo?",[(C,1500)],"RUB","digits"),
 Q("Нужно кресло Ergo ×3",[(C,3)],"RUB","after"),
 Q("Кресло Ergo, 7 шт. — сколько?",[(C,7)],"RUB","after"),
 Q("Сколько стоит кресло Ergo за штуку?",[(C,1)],"RUB","unit-price"),
 Q("Какая скидка на 50 кресел Ergo и сколько итого?",[(C,50)],"RUB","tiers"),
 Q("Во сколько обойдутся 11 кресел Ergo?",[(C,11)],"RUB","digits"),
 Q("Сколько стоят двенадцать кресел Эрго?",[(C,12)],"RUB","typo-name"),
 Q("Сколько стоят 3 стола с подъемом и 3 кронштейна?",[(D,3),(A,3)],"RUB","several"),
 Q("Сколько стоят 4 стола и 4 кресла Ergo?",[(D,4),(C,4)],"RUB","several"),
 Q("Сколько стоит пара десятков кресел Ergo?",[(C,20)],"RUB","collective"),
 Q("Нужно девять кресел Ergo, есть ли скидка?",[(C,9)],"RUB","tiers"),
 Q("Сколько стоят несколько столов с подъёмом и пара кресел Ergo?",ask=True,cls="vague"),
 Q("Нужно 15-20 столов с подъёмом, какая цена?",ask=True,cls="range"),
 Q("Сколько стоят кресла Ergo для 30 сотрудников?",ask=True,cls="people"),
 Q("Сколько стоят пятнадцать-двадцать кресел Ergo?",ask=True,cls="range"),
 Q("Нужно кресел Ergo штук 10-15, почём?",ask=True,cls="range"),
]
en += [
 Q("How much for thirty Ergo Chairs?",[(C,30)],"USD","words"),
 Q("Price for forty-two standing desks?",[(D,42)],"USD","words-compound"),
 Q("We'd like a hundred Ergo chairs, what's the price?",[(C,100)],"USD","words-compound"),
 Q("Two hundred and fifty dual monitor arms, how much?",[(A,250)],"USD","words-compound"),
 Q("How much for two dozen Ergo Chairs?",[(C,24)],"USD","dozen"),
 Q("A pair of Standing Desks — price?",[(D,2)],"USD","pair"),
 Q("How much for a couple of dual monitor arms?",[(A,2)],"USD","pair"),
 Q("How much would 6 hours of assembly be?",[(S,6)],"USD","words-between"),
 Q("What's the cost of assembly for 8 hours?",[(S,8)],"USD","unit-words"),
 Q("I need 15 of the Standing Desks, what's the total?",[(D,15)],"USD","words-between"),
 Q("How much are 10 more Ergo Chairs?",[(C,10)],"USD","words-between"),
 Q("Price for 20 new Ergo chairs",[(C,20)],"USD","words-between"),
 Q("How much for 5 standing desks, 5 ergo chairs and 5 dual monitor arms?",[(D,5),(C,5),(A,5)],"USD","several"),
 Q("Quote: 10 Ergo Chairs, 2 Standing Desks, 4 hours of assembly",[(C,10),(D,2),(S,4)],"USD","several"),
 Q("How much for 12 Ergo Chiars?",[(C,12)],"USD","typo-name"),
 Q("How much for 3 Standing Dekss?",[(D,3)],"USD","typo-name"),
 Q("How much are 6 dual monitor arm?",[(A,6)],"USD","plural-multiword"),
 Q("Price of 20 ergo chair units?",[(C,20)],"USD","unit-words"),
 Q("What's the price per Ergo Chair if we order 50?",[(C,50)],"USD","per-each"),
 Q("How much is each Standing Desk when buying 10?",[(D,10)],"USD","per-each"),
 Q("How much is one Standing Desk?",[(D,1)],"USD","unit-price"),
 Q("What does a single Ergo Chair cost?",[(C,1)],"USD","unit-price"),
 Q("How much for 25 Ergo Chairs in dollars?",[(C,25)],"USD","currency"),
 Q("How much would 8 Standing Desks be in rubles?",[(D,8)],"RUB","currency"),
 Q("Ergo Chairs: 16. Standing Desks: 4. Total?",[(C,16),(D,4)],"USD","several"),
 Q("I want to order eleven ergo chairs",[(C,11)],"USD","words"),
 Q("Need 3 standing desks + 3 monitor arms, price?",[(D,3),(A,3)],"USD","several"),
 Q("How much for 1,000 Ergo Chairs?",[(C,1000)],"USD","digits"),
 Q("How much is it for fifteen standing desks and fifteen ergo chairs?",[(D,15),(C,15)],"USD","several"),
 Q("Hi! Could you tell me the price of 9 Ergo Chairs?",[(C,9)],"USD","digits"),
 Q("What would twenty Standing Desks cost us?",[(D,20)],"USD","words"),
 Q("Price for 4 desks?",[(D,4)],"USD","partial-name"),
 Q("How much for 10 chairs?",[(C,10)],"USD","partial-name"),
 Q("How much for 7 Ergo Chairs and 3 hours of assembly?",[(C,7),(S,3)],"USD","several"),
 Q("What's the price for a dozen dual monitor arms?",[(A,12)],"USD","dozen"),
 Q("Half a dozen Ergo chairs please, how much?",[(C,6)],"USD","dozen"),
 Q("We're a team of 12, how much for 12 Ergo Chairs?",[(C,12)],"USD","digits"),
 Q("How much for a hundred or so Ergo chairs?",[(C,100)],"USD","approximate"),
 Q("How much are Ergo Chairs?",[(C,1)],"USD","no-quantity"),
 Q("How much for 50 Ergo Chairs, and is there a volume discount?",[(C,50)],"USD","tiers"),
 Q("How much for 3 desks with a dual monitor arm each?",[(D,3),(A,3)],"USD","per-each"),
 Q("How much for some standing desks?",ask=True,cls="vague"),
 Q("We need a bunch of Ergo chairs, price?",ask=True,cls="vague"),
 Q("Price for 10 to 15 Ergo Chairs?",ask=True,cls="range"),
 Q("How much for Ergo chairs for 40 people?",ask=True,cls="people"),
]

# Batch 3 (h61q): products not in the catalog (notInCatalog: no amount may be stated; a hand-off is
# "other", an ask-back "asked back"), per/each, typos, more forms.
ru += [
 Q("Сколько стоят 10 мониторов?",notin=True,cls="not-in-catalog"),
 Q("Цена на 5 столов для переговоров?",notin=True,cls="not-in-catalog"),
 Q("Нужно 10 кресел Ergo в каждый из 3 офисов, сколько?",ask=True,cls="per-each"),
 Q("По 2 кронштейна для двух мониторов на каждый из 6 столов — сколько будет?",ask=True,cls="per-each"),
 Q("Сколько стоят 14 кресел Егро?",[(C,14)],"RUB","typo-name"),
 Q("Сколько стоят 5 столов с подемом?",[(D,5)],"RUB","typo-name"),
 Q("Сколько стоят 30 кронштейнов для двух моников?",ask=True,cls="typo-name"),
 Q("Сколько стоят 6 крессел Ergo?",[(C,6)],"RUB","typo-name"),
 Q("Сколько стоят одиннадцать кресел Ergo?",[(C,11)],"RUB","words"),
 Q("Посчитайте девяносто кресел Ergo",[(C,90)],"RUB","words"),
 Q("Сколько будут стоить шестьдесят пять кресел Ergo?",[(C,65)],"RUB","words-compound"),
 Q("Сколько стоит сборка двух столов, часа 3?",[(S,3)],"RUB","inverted"),
 Q("Какова стоимость трехсот кресел Ergo?",[(C,300)],"RUB","words-case"),
 Q("Сколько стоит оснастить офис: двадцать кресел Ergo и двадцать столов с подъёмом",[(C,20),(D,20)],"RUB","several"),
 Q("Сколько стоит кресло Ergo? Нам надо 25",[(C,25)],"RUB","after"),
 Q("Интересует кресло Ergo, количество — 18 шт.",[(C,18)],"RUB","after"),
 Q("Какая цена одного кресла Ergo при покупке 60 штук?",[(C,60)],"RUB","per-each"),
 Q("А если взять 10 кресел Ergo, будет скидка? Сколько выйдет?",[(C,10)],"RUB","tiers"),
 # No euro prices in the catalog: quoted in roubles (dollars in English), and said so.
 Q("Сколько стоят 3 кресла Ergo в евро?",[(C,3)],"RUB","currency"),
 Q("Добрый день! Подскажите стоимость 40 кронштейнов для двух мониторов",[(A,40)],"RUB","digits"),
 Q("Сколько стоят кресла Ergo, штук 35?",[(C,35)],"RUB","inverted"),
 Q("Нужно около 50 столов с подъёмом",[(D,50)],"RUB","approximate"),
 Q("Хотим заказать столы с подъёмом — 12 штук и кресла Ergo — 12 штук",[(D,12),(C,12)],"RUB","several"),
 Q("12 кресел Ergo, 12 столов с подъёмом, 24 кронштейна для двух мониторов. Итого?",[(C,12),(D,12),(A,24)],"RUB","several"),
 Q("Сколько стоят столы с подъемом в количестве 7 штук?",[(D,7)],"RUB","unit-words"),
 Q("Сколько стоит 1 час сборки?",[(S,1)],"RUB","unit-price"),
]
en += [
 Q("How much are 10 monitors?",notin=True,cls="not-in-catalog"),
 Q("Price for 5 conference tables?",notin=True,cls="not-in-catalog"),
 Q("We need 10 Ergo Chairs for each of our 3 offices, how much?",ask=True,cls="per-each"),
 Q("2 dual monitor arms per desk, 6 desks — what's the price of the arms?",ask=True,cls="per-each"),
 Q("How much for 14 Ergo Chars?",[(C,14)],"USD","typo-name"),
 Q("How much for 5 Standng Desks?",[(D,5)],"USD","typo-name"),
 Q("Price for 8 dual moniter arms?",[(A,8)],"USD","typo-name"),
 Q("How much for eleven Ergo Chairs?",[(C,11)],"USD","words"),
 Q("Price for ninety Ergo Chairs?",[(C,90)],"USD","words"),
 Q("How much would sixty-five standing desks cost?",[(D,65)],"USD","words-compound"),
 Q("How much for three hundred Ergo Chairs?",[(C,300)],"USD","words-compound"),
 Q("How much is the Ergo Chair? We need 25",[(C,25)],"USD","after"),
 Q("Interested in the Standing Desk, quantity: 18",[(D,18)],"USD","after"),
 Q("What's the unit price of Ergo Chairs if we buy 60?",[(C,60)],"USD","per-each"),
 Q("If we take 10 Ergo Chairs, is there a discount? What's the total?",[(C,10)],"USD","tiers"),
 Q("How much for 3 Ergo Chairs in euros?",[(C,3)],"USD","currency"),
 Q("Good morning! Could you quote 40 dual monitor arms?",[(A,40)],"USD","digits"),
 Q("We'd like Standing Desks, 12 units, and Ergo Chairs, 12 units",[(D,12),(C,12)],"USD","several"),
 Q("12 Ergo Chairs, 12 Standing Desks, 24 Dual Monitor Arms. Total?",[(C,12),(D,12),(A,24)],"USD","several"),
 Q("What's the price of 1 hour of assembly?",[(S,1)],"USD","unit-price"),
 Q("How much for 2 Ergo Chairs and 1 Standing Desk?",[(C,2),(D,1)],"USD","several"),
 Q("How much for 20x Ergo Chair?",[(C,20)],"USD","after"),
 Q("How much do 45 ergonomic Ergo chairs cost?",[(C,45)],"USD","words-between"),
 Q("Can I get a price on a few dozen Ergo Chairs?",ask=True,cls="vague"),
 Q("How much for 30 desk lamps?",notin=True,cls="not-in-catalog"),
]

# Batch 4 (h61q): rarer numeral forms, SKUs, units glued to numbers, "of them", prices in the question.
ru += [
 Q("Сколько стоит полтораста кресел Ergo?",[(C,150)],"RUB","words-compound"),
 Q("Посчитайте пару сотен кронштейнов для двух мониторов",[(A,200)],"RUB","collective"),
 Q("Нужно двенадцать (12) кресел Ergo",[(C,12)],"RUB","words"),
 Q("Кресло Ergo 20шт, сколько?",[(C,20)],"RUB","unit-words"),
 Q("Сколько за 20шт. кресел Ergo?",[(C,20)],"RUB","unit-words"),
 Q("Кресло Ergo в количестве двадцати штук — цена?",[(C,20)],"RUB","words-case"),
 Q("CH-1 x 20, DK-2 x 5 — посчитайте",[(C,20),(D,5)],"RUB","sku"),
 Q("Сколько будет 20 кресел Ergo по 12 000 ₽?",[(C,20)],"RUB","money-in-question"),
 Q("Десять кресел Ergo, пять столов с подъёмом и десять кронштейнов — сколько всего?",[(C,10),(D,5),(A,10)],"RUB","several"),
 Q("Стоимость тридцати пяти столов с подъёмом?",[(D,35)],"RUB","words-case"),
 Q("Нужно 20 кресел Ergo и столько же столов с подъёмом",ask=True,cls="partial-quantity"),
 Q("Сколько стоят кресла Ergo? Нужно штук 40",[(C,40)],"RUB","inverted"),
 Q("Сколько стоят сорок два кресла Ergo?",[(C,42)],"RUB","words-compound"),
 Q("Цена кресла Ergo для 25 человек?",ask=True,cls="people"),
 Q("Хотим двумя партиями: 10 и 15 кресел Ergo. Сколько всего?",ask=True,cls="several-numbers"),
 Q("Сколько стоят 49 или 50 кресел Ergo?",ask=True,cls="range"),
 Q("Сколько стоит сборка 15 столов?",ask=True,cls="several-numbers"),
 Q("Тысяча кресел Ergo — сколько?",[(C,1000)],"RUB","words"),
 Q("Сколько стоят две тысячи кресел Ergo?",[(C,2000)],"RUB","words-compound"),
 Q("Кресел Ergo надо пятнадцать. Какая цена?",[(C,15)],"RUB","inverted"),
]
en += [
 Q("How much for a hundred and fifty Ergo Chairs?",[(C,150)],"USD","words-compound"),
 Q("Price for 1k Ergo Chairs?",[(C,1000)],"USD","digits"),
 Q("We need twelve (12) Ergo Chairs",[(C,12)],"USD","words"),
 Q("Ergo Chair 20pcs, how much?",[(C,20)],"USD","unit-words"),
 Q("How much for 20 pcs of Ergo Chair?",[(C,20)],"USD","unit-words"),
 Q("CH-1 x 20, DK-2 x 5 — total?",[(C,20),(D,5)],"USD","sku"),
 Q("20 Ergo Chairs at $150 each — what's the total with discount?",[(C,20)],"USD","money-in-question"),
 Q("I need Ergo chairs. 15 of them. Price?",[(C,15)],"USD","after"),
 Q("What's the total for 7 chairs + 7 desks + 7 arms?",[(C,7),(D,7),(A,7)],"USD","several"),
 Q("Ergo chairs - 10, standing desks - 5. How much?",[(C,10),(D,5)],"USD","several"),
 Q("We need 20 Ergo Chairs and the same number of Standing Desks",ask=True,cls="partial-quantity"),
 Q("How much is an Ergo Chair?",[(C,1)],"USD","no-quantity"),
 Q("One Standing Desk and two Ergo Chairs, how much?",[(D,1),(C,2)],"USD","several"),
 Q("What's the price for 49 or 50 Ergo Chairs?",ask=True,cls="range"),
 Q("How much for assembly of 15 desks?",ask=True,cls="several-numbers"),
 Q("A thousand Ergo Chairs — how much?",[(C,1000)],"USD","words"),
 Q("How much for thirteen standing desks?",[(D,13)],"USD","words"),
 Q("How much would seventy Ergo chairs be?",[(C,70)],"USD","words"),
 Q("Price for 2 dozen standing desks and a dozen ergo chairs?",[(D,24),(C,12)],"USD","several"),
 Q("How much do you charge for 5 hours of assembly?",[(S,5)],"USD","words-between"),
]

# Batch 5 (h61q): one count for all, dates and floors beside counts, a price after the product.
ru += [
 Q("Кресла Ergo и столы с подъёмом, по 10 штук каждого — сколько?",[(C,10),(D,10)],"RUB","per-each"),
 Q("Нужно 20 кресел Ergo к 15 марта, сколько будет стоить?",[(C,20)],"RUB","dates"),
 Q("Доставьте 8 столов с подъёмом на 3-й этаж, сколько стоит?",[(D,8)],"RUB","dates"),
 Q("Кресло Ergo за 12000 — это за штуку? Нам надо 30",ask=True,cls="money-in-question"),
 Q("Нужна тыща кресел Ergo, какая цена?",[(C,1000)],"RUB","words"),
 Q("Сколько стоят кресла Ergo, 15 штук, и столы с подъёмом, 5 штук?",[(C,15),(D,5)],"RUB","several"),
]
en += [
 Q("Ergo chairs and standing desks, 10 of each — how much?",[(C,10),(D,10)],"USD","per-each"),
 Q("We need 20 Ergo Chairs by March 15, what's the price?",[(C,20)],"USD","dates"),
 Q("Price for 8 standing desks delivered to the 3rd floor?",[(D,8)],"USD","dates"),
 Q("Is the Ergo Chair at 150 per piece? We need 30",ask=True,cls="money-in-question"),
 Q("How much for 15 Ergo Chairs and 5 Standing Desks, delivered by 5pm?",[(C,15),(D,5)],"USD","dates"),
 Q("Can you quote 6 ergo chairs, 6 desks and 12 monitor arms?",[(C,6),(D,6),(A,12)],"USD","several"),
]

# Batch 6 (h61q): cases, collectives and instrumental, "a" beside counts, "from N", upper case.
ru += [
 Q("Сколько стоят двадцать четыре кресла Ergo?",[(C,24)],"RUB","words-compound"),
 Q("Сколько стоит четыреста кресел Ergo?",[(C,400)],"RUB","words"),
 Q("Цена для пятидесяти столов с подъёмом",[(D,50)],"RUB","words-case"),
 Q("Сколько будет стоить тридцатью креслами Ergo обставить офис?",[(C,30)],"RUB","words-case"),
 Q("Мне бы штук восемь кронштейнов для двух мониторов",[(A,8)],"RUB","inverted"),
 Q("Нужно четверо кресел Ergo, сколько стоит?",[(C,4)],"RUB","collective"),
 Q("Сколько стоят 7 часов сборки и 7 столов с подъёмом?",[(S,7),(D,7)],"RUB","several"),
 Q("Сборка: 10 ч. Стоимость?",[(S,10)],"RUB","unit-words"),
 Q("Стоимость кресла Ergo при заказе от 50 штук?",[(C,50)],"RUB","tiers"),
 Q("Нужно 12 КРЕСЕЛ ERGO, ЦЕНА?",[(C,12)],"RUB","digits"),
 Q("сколько за 3 стола",[(D,3)],"RUB","partial-name"),
 Q("Сколько стоят 2 стола с подъёмом? И ещё 2 кресла Ergo",[(D,2),(C,2)],"RUB","several"),
]
en += [
 Q("How much for twenty four Ergo chairs?",[(C,24)],"USD","words-compound"),
 Q("What's the cost of four hundred Ergo Chairs?",[(C,400)],"USD","words-compound"),
 Q("We'd need eight dual monitor arms, how much would that be?",[(A,8)],"USD","words"),
 Q("I'd like to get 3 standing desks and have them assembled (3 hours)",ask=True,cls="several-numbers"),
 Q("What's the price of an Ergo Chair when ordering 50 or more?",[(C,50)],"USD","tiers"),
 Q("12 ERGO CHAIRS PRICE",[(C,12)],"USD","digits"),
 Q("Price for twelve ergo-chairs?",[(C,12)],"USD","words"),
 Q("How much for a standing desk and two monitor arms?",[(D,1),(A,2)],"USD","several"),
 Q("I want 2 Standing Desks. Also 2 Ergo Chairs. Total?",[(D,2),(C,2)],"USD","several"),
 Q("Ergo Chair price for qty 30",[(C,30)],"USD","unit-words"),
 Q("How many dollars for 10 Ergo Chairs?",[(C,10)],"USD","currency"),
 Q("How much for 10 Ergo Chairs in RUB?",[(C,10)],"RUB","currency"),
]

# Batch 7 (h61q): price per unit at a quantity, bounds, counts in other sentences.
ru += [
 Q("Какая цена за одно кресло Ergo, если брать 25?",[(C,25)],"RUB","per-each"),
 Q("Цена за штуку при покупке 25 кресел Ergo?",[(C,25)],"RUB","per-each"),
 Q("Нас 25 человек, каждому нужно кресло Ergo",ask=True,cls="people"),
 Q("Нужно 5 столов сейчас и ещё 5 через месяц",ask=True,cls="several-numbers"),
 Q("Не меньше 20 кресел Ergo, какая цена?",[(C,20)],"RUB","bounds"),
 Q("До 30 кресел Ergo — сколько?",ask=True,cls="bounds"),
 Q("Больше 50 кресел Ergo, цена?",ask=True,cls="bounds"),
 Q("А кресло Ergo почём? Штуки 4 возьмём",[(C,4)],"RUB","inverted"),
]
en += [
 Q("What's the price per chair for 25 Ergo Chairs?",[(C,25)],"USD","per-each"),
 Q("How much does each Ergo Chair cost if we buy 25?",[(C,25)],"USD","per-each"),
 Q("We have 25 employees and need an Ergo Chair for each",[(C,25)],"USD","people"),  # see NOTES.md
 Q("Need Ergo Chairs for 3 meeting rooms, 8 chairs per room",ask=True,cls="per-each"),
 Q("I already have 10 Ergo chairs, need 5 more",ask=True,cls="several-numbers"),
 Q("How much for 5 Ergo Chairs? Last time I bought 10",[(C,5)],"USD","several-numbers"),
 Q("Up to 30 Ergo Chairs, what's the price?",ask=True,cls="bounds"),
 Q("At least 20 Ergo Chairs, price?",[(C,20)],"USD","bounds"),
]

# Batch 8 (h61q): digits with case endings, glued times signs, lists with "+".
ru += [
 Q("Стоимость 5-ти кресел Ergo?",[(C,5)],"RUB","words-case"),
 Q("Цена для 3-х столов с подъёмом",[(D,3)],"RUB","words-case"),
 Q("Кресло Ergo - 2, стол с подъёмом - 1, кронштейн для двух мониторов - 2. Сколько?",[(C,2),(D,1),(A,2)],"RUB","several"),
]
en += [
 Q("Ergo Chair (x4), how much?",[(C,4)],"USD","after"),
 Q("Standing Desk 4 pcs + Dual Monitor Arm 8 pcs, total?",[(D,4),(A,8)],"USD","several"),
 Q("4x Ergo Chair, 2x Standing Desk — price?",[(C,4),(D,2)],"USD","several"),
]

# Batch 9 (h61q): counts by reference, vague pairs, a product without a count beside a counted one.
ru += [
 Q("Пятнадцать кресел Ergo и столько же столов",ask=True,cls="partial-quantity"),
 Q("Пару-тройку столов с подъёмом, почём?",ask=True,cls="vague"),
 Q("15 кресел Ergo и столы?",ask=True,cls="partial-quantity"),
]
en += [
 Q("How much for 10 chairs and as many desks?",ask=True,cls="partial-quantity"),
 Q("Maybe 5 or 6 Ergo Chairs, how much?",ask=True,cls="range"),
 Q("What would 3 dozen Ergo Chairs cost?",[(C,36)],"USD","dozen"),
 Q("How much for fifteen hundred Ergo Chairs?",[(C,1500)],"USD","words-compound"),
]

# Batch 10 (h61q): instrumental and dative, SKUs with units, contact details and budgets beside counts.
ru += [
 Q("Сколько стоит укомплектовать офис двадцатью креслами Ergo?",[(C,20)],"RUB","words-case"),
 Q("Что по цене с тремя столами с подъёмом?",[(D,3)],"RUB","words-case"),
 Q("К двадцати креслам Ergo нужна сборка 4 часа, сколько всего?",[(C,20),(S,4)],"RUB","several"),
 Q("Дватцать кресел Ergo почём?",[(C,20)],"RUB","typo"),  # see NOTES.md
 Q("Сколько стоят 1.000 кресел Ergo?",[(C,1000)],"RUB","digits"),
 Q("Сколько стоят 2,5 стола с подъёмом?",ask=True,cls="fraction"),
 Q("Нужно 15 шт. CH-1 и 3 шт. DK-2",[(C,15),(D,3)],"RUB","sku"),
 Q("Стол с подъёмом — 6 шт. Кресло Ergo — 4 шт. Сколько?",[(D,6),(C,4)],"RUB","several"),
 Q("Меня зовут Иван, телефон +7 999 123-45-67, нужно 20 кресел Ergo",[(C,20)],"RUB","contact-details"),
 Q("Нужно 20 кресел Ergo, бюджет 250 тыс",[(C,20)],"RUB","money-not-quantity"),
 Q("Нужно два кронштейна для двух мониторов, цена?",[(A,2)],"RUB","plural-multiword"),
]
en += [
 Q("We are at 221B Baker Street, need 20 Ergo Chairs",[(C,20)],"USD","contact-details"),
 Q("Need Ergo Chairs x20 and desks x10",[(C,20),(D,10)],"USD","several"),
 Q("How much for 10 pcs of MA3?",[(A,10)],"USD","sku"),
 Q("Need 20 Ergo chairs within 2 weeks, price?",[(C,20)],"USD","dates"),
 Q("How much for 2.5 standing desks?",ask=True,cls="fraction"),
 Q("20 Ergo Chairs for 20 employees, how much?",[(C,20)],"USD","people"),
 Q("We'd need 20 Ergo chairs, 10 in each office",ask=True,cls="per-each"),
]

# Batch 11 (h61q): products the shop does not sell, named with a word of a product's name.
ru += [
 Q("Сколько стоит компьютерное кресло?",notin=True,cls="not-in-catalog"),
 Q("Цена на 3 угловых стола?",notin=True,cls="not-in-catalog"),
 Q("Сколько стоит шкаф для документов?",notin=True,cls="not-in-catalog"),
]
en += [
 Q("How much is a gaming chair?",notin=True,cls="not-in-catalog"),
 Q("Price for 10 gaming chairs?",notin=True,cls="not-in-catalog"),
 Q("How much for a filing cabinet?",notin=True,cls="not-in-catalog"),
]
with open("catalog.json","w") as f:
  json.dump({"currency":"RUB","products":products},f,ensure_ascii=False,indent=2); f.write("\n")
for name,qs in (("ru",ru),("en",en)):
  with open(f"questions-{name}.jsonl","w") as f:
    for q in qs: f.write(json.dumps(q,ensure_ascii=False)+"\n")
print(len(ru),len(en))
