// The gazetteer's table (README.md beside it names the sources and licences): one place a line,
// `kind country|English names|Russian names`, names separated by ';', the first of each the canonical
// one. Kind: r a region (a Russian federal subject), c a city. A name ending in '=' is matched only in
// that form (indeclinable: "Сочи", "Баку"); one ending in '?' is also a common word or a person's name
// ("Орёл", "Владимир", "Nice") and is matched only capitalised after a place preposition ("в Орле",
// "in Nice"). Russian names are matched in their grammatical forms by stem (match.ts).
export const placeTable = `
r RU|Republic of Adygea;Adygea;Adygeya|Республика Адыгея;Адыгея
r RU|Altai Republic;Altai;Altay Republic|Республика Алтай;Горный Алтай;Алтай
r RU|Republic of Bashkortostan;Bashkortostan;Bashkiria|Республика Башкортостан;Башкортостан;Башкирия
r RU|Republic of Buryatia;Buryatia|Республика Бурятия;Бурятия
r RU|Republic of Dagestan;Dagestan|Республика Дагестан;Дагестан
r RU|Republic of Ingushetia;Ingushetia|Республика Ингушетия;Ингушетия
r RU|Kabardino-Balkar Republic;Kabardino-Balkaria|Кабардино-Балкарская Республика;Кабардино-Балкария;КБР
r RU|Republic of Kalmykia;Kalmykia|Республика Калмыкия;Калмыкия
r RU|Karachay-Cherkess Republic;Karachay-Cherkessia|Карачаево-Черкесская Республика;Карачаево-Черкесия;КЧР
r RU|Republic of Karelia;Karelia|Республика Карелия;Карелия
r RU|Komi Republic;Komi|Республика Коми=;Коми=
r RU|Mari El Republic;Mari El|Республика Марий Эл=;Марий Эл=
r RU|Republic of Mordovia;Mordovia|Республика Мордовия;Мордовия
r RU|Sakha Republic;Yakutia;Sakha|Республика Саха=;Якутия;Саха=
r RU|Republic of North Ossetia-Alania;North Ossetia;North Ossetia-Alania|Северная Осетия;Северная Осетия-Алания;Осетия
r RU|Republic of Tatarstan;Tatarstan|Республика Татарстан;Татарстан;Татария
r RU|Tuva Republic;Tuva;Tyva|Республика Тыва;Тыва;Тува
r RU|Udmurt Republic;Udmurtia|Удмуртская Республика;Удмуртия
r RU|Republic of Khakassia;Khakassia|Республика Хакасия;Хакасия
r RU|Chechen Republic;Chechnya|Чеченская Республика;Чечня;Чечения
r RU|Chuvash Republic;Chuvashia|Чувашская Республика;Чувашия
r RU|Republic of Crimea;Crimea|Республика Крым;Крым
r RU|Altai Krai|Алтайский край
r RU|Zabaykalsky Krai;Transbaikal|Забайкальский край;Забайкалье
r RU|Kamchatka Krai;Kamchatka|Камчатский край;Камчатка
r RU|Krasnodar Krai;Kuban|Краснодарский край;Кубань
r RU|Krasnoyarsk Krai|Красноярский край
r RU|Perm Krai|Пермский край;Прикамье
r RU|Primorsky Krai;Primorye|Приморский край;Приморье
r RU|Stavropol Krai|Ставропольский край;Ставрополье
r RU|Khabarovsk Krai|Хабаровский край
r RU|Amur Oblast|Амурская область;Приамурье
r RU|Arkhangelsk Oblast|Архангельская область
r RU|Astrakhan Oblast|Астраханская область
r RU|Belgorod Oblast|Белгородская область
r RU|Bryansk Oblast|Брянская область
r RU|Vladimir Oblast|Владимирская область
r RU|Volgograd Oblast|Волгоградская область
r RU|Vologda Oblast|Вологодская область
r RU|Voronezh Oblast|Воронежская область
r RU|Ivanovo Oblast|Ивановская область
r RU|Irkutsk Oblast|Иркутская область;Приангарье
r RU|Kaliningrad Oblast|Калининградская область
r RU|Kaluga Oblast|Калужская область
r RU|Kemerovo Oblast;Kuzbass|Кемеровская область;Кузбасс
r RU|Kirov Oblast|Кировская область
r RU|Kostroma Oblast|Костромская область
r RU|Kurgan Oblast|Курганская область
r RU|Kursk Oblast|Курская область
r RU|Leningrad Oblast|Ленинградская область;Ленобласть;Ленинградская обл
r RU|Lipetsk Oblast|Липецкая область
r RU|Magadan Oblast|Магаданская область
r RU|Moscow Oblast;Moscow Region|Московская область;Подмосковье;Московская обл;Подмосковный регион
r RU|Murmansk Oblast|Мурманская область
r RU|Nizhny Novgorod Oblast|Нижегородская область
r RU|Novgorod Oblast|Новгородская область
r RU|Novosibirsk Oblast|Новосибирская область
r RU|Omsk Oblast|Омская область
r RU|Orenburg Oblast|Оренбургская область
r RU|Oryol Oblast|Орловская область
r RU|Penza Oblast|Пензенская область
r RU|Pskov Oblast|Псковская область
r RU|Rostov Oblast|Ростовская область
r RU|Ryazan Oblast|Рязанская область
r RU|Samara Oblast|Самарская область
r RU|Saratov Oblast|Саратовская область
r RU|Sakhalin Oblast;Sakhalin|Сахалинская область;Сахалин
r RU|Sverdlovsk Oblast|Свердловская область
r RU|Smolensk Oblast|Смоленская область
r RU|Tambov Oblast|Тамбовская область
r RU|Tver Oblast|Тверская область
r RU|Tomsk Oblast|Томская область
r RU|Tula Oblast|Тульская область
r RU|Tyumen Oblast|Тюменская область
r RU|Ulyanovsk Oblast|Ульяновская область
r RU|Chelyabinsk Oblast|Челябинская область
r RU|Yaroslavl Oblast|Ярославская область
r RU|Jewish Autonomous Oblast|Еврейская автономная область;ЕАО
r RU|Nenets Autonomous Okrug|Ненецкий автономный округ;НАО
r RU|Khanty-Mansi Autonomous Okrug;Yugra|Ханты-Мансийский автономный округ;ХМАО;Югра
r RU|Chukotka Autonomous Okrug;Chukotka|Чукотский автономный округ;Чукотка
r RU|Yamalo-Nenets Autonomous Okrug;Yamal|Ямало-Ненецкий автономный округ;ЯНАО;Ямал
c RU|Moscow;Moskva|Москва;Мск=
c RU|Saint Petersburg;St Petersburg;St. Petersburg;Petersburg;Sankt-Peterburg|Санкт-Петербург;Петербург;Питер;СПб;Спб;С-Петербург
c RU|Sevastopol|Севастополь
c RU|Novosibirsk|Новосибирск;Новосиб;Нск=
c RU|Yekaterinburg;Ekaterinburg|Екатеринбург;Екб=;Екат;Ебург
c RU|Nizhny Novgorod;Nizhniy Novgorod|Нижний Новгород;Нижний?;Н.Новгород
c RU|Samara|Самара
c RU|Omsk|Омск
c RU|Kazan|Казань
c RU|Rostov-on-Don;Rostov-na-Donu;Rostov|Ростов-на-Дону;Ростов
c RU|Chelyabinsk|Челябинск
c RU|Ufa|Уфа
c RU|Volgograd|Волгоград
c RU|Perm|Пермь
c RU|Krasnoyarsk|Красноярск
c RU|Saratov|Саратов
c RU|Voronezh|Воронеж
c RU|Tolyatti;Togliatti;Tol'yatti|Тольятти=
c RU|Krasnodar|Краснодар
c RU|Ulyanovsk|Ульяновск
c RU|Izhevsk|Ижевск
c RU|Yaroslavl|Ярославль
c RU|Barnaul|Барнаул
c RU|Vladivostok|Владивосток
c RU|Irkutsk|Иркутск
c RU|Khabarovsk|Хабаровск
c RU|Orenburg|Оренбург
c RU|Novokuznetsk|Новокузнецк
c RU|Ryazan|Рязань
c RU|Tyumen|Тюмень
c RU|Lipetsk|Липецк
c RU|Penza|Пенза
c RU|Naberezhnye Chelny;Naberezhnyye Chelny|Набережные Челны;Челны
c RU|Astrakhan|Астрахань
c RU|Makhachkala|Махачкала
c RU|Tomsk|Томск
c RU|Kemerovo|Кемерово
c RU|Tula|Тула
c RU|Kirov|Киров?
c RU|Cheboksary|Чебоксары
c RU|Kaliningrad|Калининград
c RU|Bryansk|Брянск
c RU|Ivanovo|Иваново?
c RU|Magnitogorsk|Магнитогорск
c RU|Kursk|Курск
c RU|Tver|Тверь
c RU|Nizhny Tagil;Nizhniy Tagil|Нижний Тагил;Тагил
c RU|Stavropol|Ставрополь
c RU|Ulan-Ude|Улан-Удэ=
c RU|Arkhangelsk|Архангельск
c RU|Belgorod|Белгород
c RU|Kurgan|Курган?
c RU|Kaluga|Калуга
c RU|Sochi|Сочи=
c RU|Oryol;Orel|Орёл?;Орл?
c RU|Volzhsky;Volzhskiy|Волжский?
c RU|Smolensk|Смоленск
c RU|Murmansk|Мурманск
c RU|Vladikavkaz|Владикавказ
c RU|Cherepovets|Череповец;Череповц
c RU|Vologda|Вологда
c RU|Vladimir|Владимир?
c RU|Chita|Чита
c RU|Saransk|Саранск
c RU|Surgut|Сургут
c RU|Tambov|Тамбов
c RU|Yoshkar-Ola|Йошкар-Ола
c RU|Taganrog|Таганрог
c RU|Kostroma|Кострома
c RU|Komsomolsk-on-Amur|Комсомольск-на-Амуре;Комсомольск
c RU|Nalchik|Нальчик
c RU|Sterlitamak|Стерлитамак
c RU|Petrozavodsk|Петрозаводск
c RU|Bratsk|Братск
c RU|Orsk|Орск
c RU|Nizhnevartovsk|Нижневартовск
c RU|Angarsk|Ангарск
c RU|Novorossiysk|Новороссийск
c RU|Khimki|Химки
c RU|Yakutsk|Якутск
c RU|Nizhnekamsk|Нижнекамск
c RU|Dzerzhinsk|Дзержинск?
c RU|Syktyvkar|Сыктывкар
c RU|Stary Oskol;Staryy Oskol|Старый Оскол
c RU|Grozny;Groznyy|Грозный?
c RU|Shakhty|Шахты?
c RU|Blagoveshchensk|Благовещенск
c RU|Prokopyevsk|Прокопьевск
c RU|Rybinsk|Рыбинск
c RU|Zelenograd|Зеленоград
c RU|Biysk|Бийск
c RU|Veliky Novgorod;Velikiy Novgorod;Novgorod|Великий Новгород;Новгород
c RU|Pskov|Псков
c RU|Balakovo|Балаково
c RU|Armavir|Армавир
c RU|Engels|Энгельс?
c RU|Severodvinsk|Северодвинск
c RU|Zlatoust|Златоуст?
c RU|Syzran|Сызрань
c RU|Petropavlovsk-Kamchatsky|Петропавловск-Камчатский
c RU|Kamensk-Uralsky|Каменск-Уральский
c RU|Podolsk|Подольск
c RU|Yuzhno-Sakhalinsk|Южно-Сахалинск
c RU|Berezniki|Березники
c RU|Volgodonsk|Волгодонск
c RU|Miass|Миасс
c RU|Abakan|Абакан
c RU|Novocherkassk|Новочеркасск
c RU|Nazran|Назрань
c RU|Rubtsovsk|Рубцовск
c RU|Mytishchi|Мытищи
c RU|Salavat|Салават?
c RU|Ussuriysk|Уссурийск
c RU|Lyubertsy|Люберцы
c RU|Kovrov|Ковров?
c RU|Balashikha|Балашиха
c RU|Kolomna|Коломна
c RU|Nakhodka|Находка?
c RU|Elektrostal|Электросталь
c RU|Maykop|Майкоп
c RU|Pyatigorsk|Пятигорск
c RU|Norilsk|Норильск
c RU|Almetyevsk|Альметьевск
c RU|Korolyov;Korolev|Королёв?
c RU|Odintsovo|Одинцово
c RU|Nevinnomyssk|Невинномысск
c RU|Pervouralsk|Первоуральск
c RU|Kislovodsk|Кисловодск
c RU|Dimitrovgrad|Димитровград
c RU|Novomoskovsk|Новомосковск
c RU|Kamyshin|Камышин
c RU|Novocheboksarsk|Новочебоксарск
c RU|Serpukhov|Серпухов
c RU|Murom|Муром
c RU|Khasavyurt|Хасавюрт
c RU|Neftekamsk|Нефтекамск
c RU|Orekhovo-Zuyevo|Орехово-Зуево
c RU|Achinsk|Ачинск
c RU|Cherkessk|Черкесск
c RU|Noginsk|Ногинск
c RU|Yelets|Елец;Ельц
c RU|Tobolsk|Тобольск
c RU|Shchyolkovo;Shchelkovo|Щёлково
c RU|Nefteyugansk|Нефтеюганск
c RU|Novokuybyshevsk|Новокуйбышевск
c RU|Noyabrsk|Ноябрьск
c RU|Bataysk|Батайск
c RU|Seversk|Северск
c RU|Arzamas|Арзамас
c RU|Sergiyev Posad|Сергиев Посад
c RU|Leninsk-Kuznetsky|Ленинск-Кузнецкий
c RU|Kyzyl|Кызыл
c RU|Oktyabrsky|Октябрьский?
c RU|Obninsk|Обнинск
c RU|Elista|Элиста
c RU|Novotroitsk|Новотроицк
c RU|Derbent|Дербент
c RU|Velikiye Luki|Великие Луки
c RU|Pushkino|Пушкино?
c RU|Artyom;Artem|Артём?
c RU|Ukhta|Ухта
c RU|Kansk|Канск
c RU|Mezhdurechensk|Междуреченск
c RU|Solikamsk|Соликамск
c RU|Glazov|Глазов
c RU|Ust-Ilimsk|Усть-Илимск
c RU|Krasnogorsk|Красногорск
c RU|Domodedovo|Домодедово
c RU|Zhukovsky|Жуковский?
c RU|Reutov|Реутов
c RU|Dolgoprudny|Долгопрудный
c RU|Ramenskoye|Раменское?
c RU|Magadan|Магадан
c RU|Khanty-Mansiysk|Ханты-Мансийск
c RU|Salekhard|Салехард
c RU|Gorno-Altaysk|Горно-Алтайск
c RU|Gelendzhik|Геленджик
c RU|Anapa|Анапа
c RU|Yessentuki|Ессентуки
c RU|Yevpatoriya;Evpatoria|Евпатория
c RU|Simferopol|Симферополь
c RU|Yalta|Ялта
c RU|Kerch|Керчь
c RU|Suzdal|Суздаль
c RU|Zavidovo|Завидово
c RU|Sheregesh|Шерегеш
c RU|Krasnaya Polyana|Красная Поляна
c RU|Rosa Khutor|Роза Хутор;Роза-Хутор
c RU|Plyos;Ples|Плёс
c RU|Kolomenskoye|Коломенское
c RU|Zvenigorod|Звенигород
c RU|Istra|Истра
c RU|Dmitrov|Дмитров
c RU|Vyborg|Выборг
c RU|Zelenogradsk|Зеленоградск
c RU|Svetlogorsk|Светлогорск
c RU|Listvyanka|Листвянка
c KZ|Almaty;Alma-Ata|Алматы=;Алма-Ата
c KZ|Astana;Nur-Sultan|Астана
c KZ|Shymkent|Шымкент
c KZ|Karaganda;Karagandy|Караганда
c BY|Minsk|Минск
c BY|Brest|Брест
c BY|Grodno;Hrodna|Гродно
c BY|Vitebsk|Витебск
c BY|Gomel|Гомель
c AM|Yerevan|Ереван
c AM|Dilijan|Дилижан
c AM|Tsaghkadzor|Цахкадзор
c GE|Tbilisi|Тбилиси=
c GE|Batumi|Батуми=
c GE|Kutaisi|Кутаиси=
c AZ|Baku|Баку=
c AZ|Gabala;Qabala|Габала
c UZ|Tashkent|Ташкент
c UZ|Samarkand|Самарканд
c UZ|Bukhara|Бухара
c KG|Bishkek|Бишкек
c KG|Cholpon-Ata|Чолпон-Ата
c TJ|Dushanbe|Душанбе=
c TM|Ashgabat|Ашхабад
c MD|Chisinau;Kishinev|Кишинёв
c UA|Kyiv;Kiev|Киев
c UA|Kharkiv;Kharkov|Харьков
c UA|Odesa;Odessa|Одесса
c LV|Riga|Рига
c LT|Vilnius|Вильнюс
c EE|Tallinn|Таллин;Таллинн
c AE|Dubai|Дубай;Дубаи=
c AE|Abu Dhabi|Абу-Даби=
c AE|Sharjah|Шарджа
c AE|Ras al-Khaimah;Ras Al Khaimah|Рас-эль-Хайма
c TR|Istanbul|Стамбул
c TR|Antalya|Анталья;Анталия
c TR|Ankara|Анкара
c TR|Izmir|Измир
c TR|Bodrum|Бодрум
c TR|Alanya|Аланья;Алания
c TR|Kemer|Кемер
c TR|Belek|Белек
c TR|Side?|Сиде=
c TR|Cappadocia|Каппадокия
c EG|Cairo|Каир
c EG|Hurghada|Хургада
c EG|Sharm el-Sheikh;Sharm El Sheikh|Шарм-эль-Шейх
c EG|Alexandria|Александрия?
c EG|Giza|Гиза
c ID|Bali|Бали=
c ID|Jakarta|Джакарта
c ID|Surabaya|Сурабая
c ID|Bandung|Бандунг
c ID|Medan|Медан
c TH|Bangkok|Бангкок
c TH|Phuket|Пхукет
c TH|Pattaya|Паттайя;Паттайя
c VN|Ho Chi Minh City;Saigon|Хошимин;Сайгон
c VN|Hanoi|Ханой
c VN|Nha Trang|Нячанг
c VN|Da Nang|Дананг
c LK|Colombo|Коломбо=
c MV|Male?;Maldives|Мале=;Мальдивы
c IN|Goa|Гоа=
c IN|Mumbai;Bombay|Мумбаи=;Бомбей
c IN|Delhi;New Delhi|Дели=;Нью-Дели=
c IN|Bengaluru;Bangalore|Бангалор;Бенгалуру=
c IN|Kolkata;Calcutta|Калькутта
c IN|Chennai;Madras|Ченнаи=
c IN|Hyderabad|Хайдарабад
c IN|Ahmedabad|Ахмадабад
c IN|Pune|Пуна
c IN|Surat?|Сурат
c IN|Jaipur|Джайпур
c IN|Lucknow|Лакхнау=
c IN|Kanpur|Канпур
c IN|Nagpur|Нагпур
c IN|Indore|Индаур
c IN|Patna|Патна
c IN|Bhopal|Бхопал
c IN|Agra|Агра
c PK|Karachi|Карачи=
c PK|Lahore|Лахор
c PK|Faisalabad|Фейсалабад
c PK|Rawalpindi|Равалпинди=
c PK|Islamabad|Исламабад
c BD|Dhaka|Дакка
c BD|Chittagong|Читтагонг
c CN|Shanghai|Шанхай
c CN|Beijing;Peking|Пекин
c CN|Tianjin|Тяньцзинь
c CN|Guangzhou;Canton|Гуанчжоу=
c CN|Shenzhen|Шэньчжэнь;Шеньчжень
c CN|Wuhan|Ухань
c CN|Chongqing|Чунцин
c CN|Chengdu|Чэнду=;Ченду=
c CN|Nanjing|Нанкин
c CN|Xi'an;Xian|Сиань
c CN|Shenyang|Шэньян
c CN|Hangzhou|Ханчжоу=
c CN|Harbin|Харбин
c CN|Suzhou|Сучжоу=
c CN|Dongguan|Дунгуань
c CN|Qingdao|Циндао=
c CN|Dalian|Далянь
c CN|Zhengzhou|Чжэнчжоу=
c CN|Jinan|Цзинань
c CN|Changsha|Чанша
c CN|Kunming|Куньмин
c CN|Changchun|Чанчунь
c CN|Xiamen|Сямынь
c CN|Hefei|Хэфэй
c CN|Urumqi|Урумчи=
c CN|Sanya|Санья;Хайнань
c CN|Macau;Macao|Макао=
c HK|Hong Kong|Гонконг
c TW|Taipei|Тайбэй
c KR|Seoul|Сеул
c KR|Busan|Пусан
c KR|Incheon|Инчхон
c KR|Daegu|Тэгу=
c KP|Pyongyang|Пхеньян
c JP|Tokyo|Токио=
c JP|Osaka|Осака
c JP|Yokohama|Иокогама
c JP|Nagoya|Нагоя
c JP|Kyoto|Киото=
c JP|Sapporo|Саппоро=
c JP|Kobe|Кобе=
c SG|Singapore|Сингапур
c MY|Kuala Lumpur|Куала-Лумпур
c PH|Manila|Манила
c PH|Quezon City|Кесон-Сити=
c MM|Yangon;Rangoon|Янгон
c KH|Phnom Penh|Пномпень
c NP|Kathmandu|Катманду=
c AF|Kabul|Кабул
c IR|Tehran|Тегеран
c IR|Mashhad|Мешхед
c IR|Isfahan|Исфахан
c IQ|Baghdad|Багдад
c IQ|Basra|Басра
c SA|Riyadh|Эр-Рияд;Рияд
c SA|Jeddah|Джидда
c QA|Doha|Доха
c BH|Manama|Манама
c OM|Muscat|Маскат
c KW|Kuwait City|Эль-Кувейт
c JO|Amman|Амман
c IL|Tel Aviv|Тель-Авив
c IL|Jerusalem|Иерусалим
c IL|Eilat|Эйлат
c LB|Beirut|Бейрут
c SY|Damascus|Дамаск
c SY|Aleppo|Алеппо=
c CY|Limassol|Лимасол;Лимассол
c CY|Paphos|Пафос
c CY|Larnaca|Ларнака
c GR|Athens|Афины
c GR|Thessaloniki|Салоники=
c GR|Crete|Крит
c GR|Rhodes|Родос
c ME|Budva|Будва
c ME|Podgorica|Подгорица
c RS|Belgrade|Белград
c HR|Zagreb|Загреб
c HR|Dubrovnik|Дубровник
c SI|Ljubljana|Любляна
c BG|Sofia?|София?
c BG|Varna|Варна
c BG|Burgas|Бургас
c RO|Bucharest|Бухарест
c HU|Budapest|Будапешт
c AT|Vienna|Вена?
c AT|Salzburg|Зальцбург
c CZ|Prague|Прага
c CZ|Karlovy Vary|Карловы Вары
c SK|Bratislava|Братислава
c PL|Warsaw|Варшава
c PL|Krakow;Cracow|Краков
c DE|Berlin|Берлин
c DE|Hamburg|Гамбург
c DE|Munich|Мюнхен
c DE|Cologne|Кёльн
c DE|Frankfurt|Франкфурт;Франкфурт-на-Майне
c DE|Dusseldorf;Düsseldorf|Дюссельдорф
c DE|Baden-Baden|Баден-Баден
c CH|Zurich;Zürich|Цюрих
c CH|Geneva|Женева
c CH|Lucerne|Люцерн
c NL|Amsterdam|Амстердам
c NL|Rotterdam|Роттердам
c BE|Brussels|Брюссель
c LU|Luxembourg|Люксембург
c FR|Paris|Париж
c FR|Nice?|Ницца
c FR|Cannes|Канны
c FR|Marseille|Марсель
c FR|Lyon|Лион
c FR|Courchevel|Куршевель
c MC|Monaco;Monte Carlo|Монако=;Монте-Карло=
c IT|Rome|Рим
c IT|Milan|Милан
c IT|Venice|Венеция
c IT|Florence|Флоренция
c IT|Naples|Неаполь
c IT|Lake Como;Como?|Комо=;озеро Комо=
c ES|Madrid|Мадрид
c ES|Barcelona|Барселона
c ES|Valencia|Валенсия
c ES|Seville|Севилья
c ES|Marbella|Марбелья
c ES|Ibiza|Ибица
c ES|Tenerife|Тенерифе=
c PT|Lisbon|Лиссабон
c PT|Porto|Порту=
c PT|Madeira|Мадейра
c MT|Valletta;Malta|Валлетта;Мальта
c GB|London|Лондон
c GB|Manchester|Манчестер
c GB|Birmingham|Бирмингем
c GB|Liverpool|Ливерпуль
c GB|Edinburgh|Эдинбург
c GB|Glasgow|Глазго=
c GB|Brighton|Брайтон
c GB|Oxford|Оксфорд
c GB|Cambridge|Кембридж
c GB|Bristol|Бристоль
c GB|Leeds|Лидс
c IE|Dublin|Дублин
c DK|Copenhagen|Копенгаген
c SE|Stockholm|Стокгольм
c NO|Oslo|Осло=
c FI|Helsinki|Хельсинки=
c IS|Reykjavik|Рейкьявик
c US|New York City;New York;NYC;NY|Нью-Йорк
c US|Los Angeles;LA!|Лос-Анджелес
c US|Chicago|Чикаго=
c US|Houston|Хьюстон
c US|Phoenix?|Финикс
c US|Philadelphia|Филадельфия
c US|San Antonio|Сан-Антонио=
c US|San Diego|Сан-Диего=
c US|Dallas|Даллас
c US|San Francisco|Сан-Франциско=
c US|Miami|Майами=
c US|Las Vegas;Vegas|Лас-Вегас
c US|Boston|Бостон
c US|Washington;Washington D.C.;Washington DC|Вашингтон
c US|Seattle|Сиэтл
c US|Atlanta|Атланта
c US|Orlando|Орландо=
c US|Honolulu|Гонолулу=
c US|Brooklyn|Бруклин
c US|Manhattan|Манхэттен
c US|Denver|Денвер
c US|Austin?|Остин
c US|San Jose|Сан-Хосе=
c US|Jacksonville|Джэксонвилл;Джексонвилл
c US|Fort Worth|Форт-Уэрт
c US|Columbus?|Колумбус
c US|Charlotte?|Шарлотт
c US|Indianapolis|Индианаполис
c US|Nashville|Нашвилл
c US|Detroit|Детройт
c US|Portland|Портленд
c US|Baltimore|Балтимор
c US|Milwaukee|Милуоки=
c US|Albuquerque|Альбукерке=
c US|Tucson|Тусон
c US|Sacramento|Сакраменто=
c US|Kansas City|Канзас-Сити=
c US|Minneapolis|Миннеаполис
c US|New Orleans|Новый Орлеан
c US|Pittsburgh|Питтсбург
c US|Salt Lake City|Солт-Лейк-Сити=
c US|Cleveland|Кливленд
c US|Tampa|Тампа
c US|St. Louis;Saint Louis;St Louis|Сент-Луис
c US|Cincinnati|Цинциннати=
c US|El Paso|Эль-Пасо=
c US|Memphis|Мемфис
c US|Louisville|Луисвилл
c US|Raleigh?|Роли=
c US|Omaha|Омаха
c CA|Calgary|Калгари=
c CA|Ottawa|Оттава
c CA|Edmonton|Эдмонтон
c CA|Toronto|Торонто=
c CA|Montreal;Montréal|Монреаль
c CA|Vancouver|Ванкувер
c MX|Mexico City|Мехико=
c MX|Cancun;Cancún|Канкун
c MX|Guadalajara|Гвадалахара
c MX|Puebla|Пуэбла
c MX|Ecatepec de Morelos;Ecatepec|Экатепек
c CU|Havana|Гавана
c DO|Santo Domingo|Санто-Доминго=
c DO|Punta Cana|Пунта-Кана
c VE|Caracas|Каракас
c VE|Maracaibo|Маракайбо=
c CO|Bogota;Bogotá|Богота
c CO|Medellin;Medellín|Медельин
c CO|Cali?|Кали=
c PE|Lima?|Лима
c EC|Guayaquil|Гуаякиль
c CL|Santiago|Сантьяго=
c AR|Buenos Aires|Буэнос-Айрес
c AR|Cordoba;Córdoba|Кордова
c BR|Sao Paulo;São Paulo|Сан-Паулу=
c BR|Rio de Janeiro;Rio|Рио-де-Жанейро=;Рио=
c BR|Brasilia;Brasília|Бразилиа=
c BR|Salvador?|Салвадор
c BR|Fortaleza|Форталеза
c BR|Belo Horizonte|Белу-Оризонти=
c BR|Manaus|Манаус
c BR|Curitiba|Куритиба
c BR|Recife|Ресифи=
c PY|Asuncion;Asunción|Асунсьон
c NG|Lagos|Лагос
c NG|Kano|Кано=
c NG|Ibadan|Ибадан
c NG|Kaduna|Кадуна
c CD|Kinshasa|Киншаса
c AO|Luanda|Луанда
c ET|Addis Ababa|Аддис-Абеба
c KE|Nairobi|Найроби=
c TZ|Dar es Salaam|Дар-эс-Салам
c TZ|Zanzibar|Занзибар
c SO|Mogadishu|Могадишо=
c SD|Khartoum|Хартум
c ZA|Johannesburg|Йоханнесбург
c ZA|Cape Town|Кейптаун
c ZA|Durban|Дурбан
c ZA|Pretoria|Претория
c ZW|Harare|Хараре=
c GH|Accra|Аккра
c CI|Abidjan|Абиджан
c SN|Dakar|Дакар
c GN|Conakry|Конакри=
c MA|Casablanca|Касабланка
c MA|Marrakesh;Marrakech|Марракеш
c MA|Rabat|Рабат
c DZ|Algiers|Алжир
c TN|Tunis|Тунис
c SC|Seychelles;Mahe|Сейшелы
c MU|Mauritius|Маврикий
c AU|Sydney|Сидней
c AU|Melbourne|Мельбурн
c AU|Brisbane|Брисбен
c AU|Perth|Перт
c NZ|Auckland|Окленд
c UY|Montevideo|Монтевидео=
c EC|Quito|Кито=
c AU|Adelaide?|Аделаида
c NZ|Wellington?|Веллингтон
c DE|Stuttgart|Штутгарт
c IT|Turin;Torino|Турин
`;
