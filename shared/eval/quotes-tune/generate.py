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
def Q(text,lines=None,cur=None,cls="",ask=False):
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
 Q("Почём пятнацать кресел Ergo?",ask=True,cls="typo"),
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
 Q("Price for twelwe Ergo chairs?",ask=True,cls="typo"),
 Q("We need 20-30 Ergo Chairs, how much?",ask=True,cls="range"),
 Q("Ergo chairs for our 15 employees, what's the price?",ask=True,cls="people"),
 Q("How much for 3 Standing Desks and some Ergo Chairs?",ask=True,cls="partial-quantity"),
 Q("Dozens of Ergo Chairs, what's the price?",ask=True,cls="vague"),
 Q("Our budget is $5k, how many Ergo Chairs can we get?",[(C,1)],"USD","money-not-quantity"),
 Q("Need Ergo Chairs for the team, lots of them — price?",ask=True,cls="vague"),
 Q("How much for 7 Ergo Chairs?",[(C,7)],"USD","digits"),
]
json.dump({"currency":"RUB","products":products},open("catalog.json","w"),ensure_ascii=False,indent=2)
for name,qs in (("ru",ru),("en",en)):
  with open(f"questions-{name}.jsonl","w") as f:
    for q in qs: f.write(json.dumps(q,ensure_ascii=False)+"\n")
print(len(ru),len(en))
