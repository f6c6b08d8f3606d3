"""The classes of misses an independent evaluation found, each fixed as a class (examples written for this test,
not the evaluation's sentences)."""

from datetime import date

import pytest

from search.model import Article


def _found(enricher, body: str) -> dict[str, set[str]]:
    found = enricher.entities(Article(id="t", body=body, published=date(2025, 5, 1)))
    return {kind: {item["id"] for item in found[kind]} for kind in ("countries", "officials", "organizations",
                                                                     "places")}


@pytest.mark.parametrize("body, country", [
    ("سخنگوی وزارت خارجه چین گفت پکن با تحریم‌ها مخالف است.", "CN"),  # after an office
    ("کشتی در بندر شانگهای چین پهلو گرفت.", "CN"),  # a city, then its country
    ("تیم ملی فوتبال ایران برابر مراکش به میدان می‌رود.", "MA"),  # in sport, teams are countries
    ("تیم ملی والیبال ایران مقابل غنا پیروز شد.", "GH"),
    # issue 11, heldout3's classes (sentences written for this test)
    ("وانگ یی در پکن گفت چین به نقش خود در منطقه ادامه می‌دهد.", "CN"),  # its official is named
    ("پس از زلزله، چین نیز ۵۰ هزار دلار کمک فوری اعلام کرد.", "CN"),  # the subject of a government's act
    ("نماینده چین در شورای امنیت از همه طرف‌ها خواست آرامش را حفظ کنند.", "CN"),  # a country's representative
    ("در جام جهانی قطر، تیم ملی فوتبال پرتغال سه گل زد.", "PT"),  # a national team, in sport
    ("در جام جهانی قطر، تیم ملی فوتبال پرتغال سه گل زد.", "QA"),  # the host, in sport
])
def test_an_ambiguous_country_name_in_an_unambiguous_context_is_the_country(enricher, body, country):
    assert country in _found(enricher, body)["countries"]


@pytest.mark.parametrize("body, country", [
    ("گراندی به وضعیت میانمار و جمهوری دموکراتیک کنگو اشاره کرد.", "MM"),
    ("گراندی به وضعیت میانمار و جمهوری دموکراتیک کنگو اشاره کرد.", "CD"),
    ("هیئتی از برمه و سری لانکا به تهران آمد.", "MM"),  # CLDR's `میانمار (برمه)`
    ("هیئتی از برمه و سری لانکا به تهران آمد.", "LK"),  # CLDR's half-spaced سری‌لانکا, spaced
    ("سفیر کنگو کینشاسا استوارنامه خود را تقدیم کرد.", "CD"),  # CLDR's `کنگو - کینشاسا`
])
def test_country_names_as_the_press_writes_them_not_as_cldr_does(enricher, body, country):
    assert country in _found(enricher, body)["countries"]


@pytest.mark.parametrize("body", [
    "ناگهان چین و چروک صورتش بیشتر شد و اعلام کرد خسته است.",
    "چین دامن را اتو کرد و گفت آماده است.",
    "جنوب شرق آسیا در حال تجربه فصل باران است؛ قطر لوله‌ها را باید دوباره اندازه گرفت.",
])
def test_an_everyday_sense_is_not_a_country_even_with_a_verb_nearby(enricher, body):
    assert not {"CN", "QA"} & _found(enricher, body)["countries"]


@pytest.mark.parametrize("body, countries", [
    ("واشنگتن پیش‌تر نسبت به گسترش این روابط ابراز نگرانی کرده بود.", {"US"}),
    ("پکن اعلام کرد با این طرح مخالف است.", {"CN"}),
    ("لندن و پاریس از این تصمیم حمایت کردند.", {"GB", "FR"}),
    ("روابط تهران و ریاض بهبود یافته است.", {"IR", "SA"}),
])
def test_a_capital_as_the_political_actor_is_its_country(enricher, body, countries):
    assert countries <= _found(enricher, body)["countries"]


@pytest.mark.parametrize("body", [
    "مذاکرات وین برای احیای توافق از سر گرفته شد.",  # a venue
    "هیئت ایرانی در دوحه و قاهره دیدارهایی خواهد داشت.",  # a venue (a trip's destination is the state visited)
    "رافائل گروسی در فرودگاه وین اعلام کرد گفت‌وگوها سازنده بود.",  # someone acting there
])
def test_a_capital_as_a_place_is_not_a_country(enricher, body):
    assert not {"AT", "QA", "EG"} & _found(enricher, body)["countries"]


@pytest.mark.parametrize("body", [
    "چین‌وچروک صورت با این کرم کم می‌شود.",
    "برای رفع چین و چروک‌های پوست از این روش استفاده کنید.",
    "از چین و چروک پیشانی خسته شده‌ام.",  # after a word that is a country's context elsewhere
    "مردم چین و چروک صورت را با بوتاکس درمان می‌کنند.",
    "او پس از ترک کشورش به آلمان رفت.",
    "رئیس‌جمهور تاجیکستان فردا تهران را به مقصد دوشنبه ترک خواهد کرد.",
])
def test_everyday_senses_reworded_are_still_not_countries(enricher, body):
    assert not {"CN", "TR"} & _found(enricher, body)["countries"]


@pytest.mark.parametrize("body, official", [
    ("مولود چاووش اوغلو وزیر خارجه ترکیه به تهران آمد.", "mevlut-cavusoglu"),  # compound surname spaced
    ("احمد داود اوغلو نخست‌وزیر ترکیه گفت.", "ahmet-davutoglu"),  # و for وو
    ("ابراهیم رییسی در جلسه دولت گفت.", "ebrahim-raisi"),  # یی for ئی
    ("عباسعراقچی وزیر خارجه گفت.", "abbas-araghchi"),  # first name glued
    ("دونالد ترمپ گفت.", "donald-trump"),  # Dari spelling, alef dropped
    ("ترمپ گفت ایران نباید به سلاح هسته‌ای دست یابد.", "donald-trump"),  # …and the trusted surname alone
    ("آنتونیو گوتریش دبیرکل سازمان ملل گفت.", "antonio-guterres"),  # a ی before the last letter
    ("دیوید لمی وزیر خارجه بریتانیا گفت.", "david-lammy"),  # the alef of a short surname, in a full name
    ("گابریل اتال نخست‌وزیر فرانسه گفت.", "gabriel-attal"),  # initial آ written ا
    ("آموس هوکشتاین فرستاده آمریکا به بیروت رفت.", "amos-hochstein"),  # -stein as شتاین
    ("محمد الجلالی نخست‌وزیر سوریه گفت.", "mohammad-ghazi-al-jalali"),  # an Arabic name without the father's
])
def test_spelling_variants_of_known_officials_are_linked(enricher, body, official):
    assert official in _found(enricher, body)["officials"]


def test_another_first_name_before_a_known_surname_is_someone_else(enricher):
    assert "masoud-pezeshkian" not in _found(enricher, "علی پزشکیان معاون وزیر بهداشت گفت.")["officials"]


def test_a_place_named_after_a_ruler_is_not_the_ruler(enricher):
    assert not _found(enricher, "دیدار در ورزشگاه محمد بن زاید برگزار شد.")["officials"]
    assert not _found(enricher, "ترافیک خیابان آیت‌الله خامنه‌ای سنگین است.")["officials"]
    assert "mohamed-bin-zayed-al-nahyan" in _found(enricher, "محمد بن زاید به تهران آمد.")["officials"]


@pytest.mark.parametrize("body, name", [
    # (names the knowledge base does not hold: invented for this test)
    ("استاندار خوزستان محمدرضا کاظم‌پوری گفت آب شرب تأمین است.", "fa:محمدرضا کاظم‌پوری"),
    ("شهردار تبریز علیرضا نیک‌سیرتان گفت مترو گسترش می‌یابد.", "fa:علیرضا نیک‌سیرتان"),
    ("وزیر اطلاعات دولت ایالتی خیبرپختونخوا، سید ارشد یوسف‌زی، گفت.", "fa:سید ارشد یوسف‌زی"),
])
def test_officials_outside_the_knowledge_base_are_caught_by_title_patterns_without_commas(enricher, body, name):
    assert name in _found(enricher, body)["officials"]


def test_organisations_are_not_confused(enricher):
    found = _found(enricher, "دیده‌بان حقوق بشر سوریه از کشته شدن ۱۲ نفر خبر داد.")
    assert "hrw" not in found["organizations"] and "sohr" in found["organizations"]
    assert "al-jazeera" not in _found(enricher, "در شهر الجزیره تظاهرات برگزار شد.")["organizations"]
    assert "al-jazeera" not in _found(enricher, "به گزارش الجزیره، حمله ادامه دارد.")["organizations"]
    assert "isis" in _found(enricher, "گروه خلافت اسلامی مسئولیت حمله را بر عهده گرفت.")["organizations"]
    assert "who" in _found(enricher, "سازمان صحی جهان در مورد شیوع وبا هشدار داد.")["organizations"]
    assert "unama" in _found(enricher, "یوناما از کشته شدن غیرنظامیان ابراز نگرانی کرد.")["organizations"]


def test_a_foreign_ministry_quoted_for_figures_does_not_make_the_topic(enricher):
    def topics(body):
        return {t["id"] for t in enricher.entities(Article(id="t", body=body))["topics"]}

    assert "health" not in topics("وزارت بهداشت غزه اعلام کرد شمار شهدا به ۴۰ هزار رسید.")
    assert "health" in topics("وزیر بهداشت از افزایش بودجه بیمارستان‌ها و واکسن خبر داد.")


def test_capital_lists_and_a_verb_a_few_words_on(enricher):
    assert "US" in _found(enricher, "واشنگتن با احتیاط واکنش نشان داد.")["countries"]
    listed = _found(enricher, "همه‌پرسی با وجود مخالفت بغداد، تهران، آنکارا و واشنگتن برگزار شد.")["countries"]
    assert {"IQ", "IR", "TR", "US"} <= listed


def test_a_foreign_name_opening_a_clause_before_an_office_is_discovered(enricher):
    found = _found(enricher, "ایگور کوناشنکوف سخنگوی وزارت دفاع روسیه گفت حمله دفع شد.")
    assert "fa:ایگور کوناشنکوف" in found["officials"]
    assert not [o for o in _found(enricher, "تروریست‌ها ساختمان استانداری را تصرف کردند.")["officials"]]


@pytest.mark.parametrize("body", [
    "هیئت تجاری عراق در بازار تهران با بازرگانان دیدار کرد.",
    "نشست وزیران خارجه ترکیه و روسیه در تهران برگزار شد.",
])
def test_tehran_in_a_story_with_other_states_is_iran(enricher, body):
    assert "IR" in _found(enricher, body)["countries"]


@pytest.mark.parametrize("body", [
    "قیمت هر سکه در بازار تهران به ۵ میلیون تومان رسید.",
    "سیلاب در شمال غرب تهران ده کشته برجای گذاشت.",
    "علیرضا زاکانی نماینده تهران در مجلس گفت طرح تصویب می‌شود.",
])
def test_tehran_in_a_domestic_story_is_a_city(enricher, body):
    assert "IR" not in _found(enricher, body)["countries"]


def test_a_story_set_in_a_foreign_capital_is_not_about_its_country(enricher):
    assert "AT" not in _found(enricher, "دور تازه مذاکرات در وین آغاز شد.")["countries"]


@pytest.mark.parametrize("body", [
    "موشک‌ها از نوار غزه به سوی جنوب شلیک شد.",
    "شهرک‌سازی در کرانه باختری ادامه دارد.",
])
def test_a_palestinian_territory_names_palestine_and_stays_a_place(enricher, body):
    found = _found(enricher, body)
    assert "PS" in found["countries"] and found["places"]


@pytest.mark.parametrize("body, official", [
    # a compound office written with a space: نخست is the office's, not the name's last word
    ("کوستاس لامبروس نخست وزیر موقت یونان از طرح دفاع کرد.", "fa:کوستاس لامبروس"),
    # after an ordinary word, the name starts at its given name
    ("وزیر کشور به همراه محمدرضا کاظمیان استاندار گیلان از منطقه بازدید کرد.", "fa:محمدرضا کاظمیان"),
    ("دادگاه، اسدالله کریمی، دیپلمات ایرانی را محکوم کرد.", "fa:اسدالله کریمی"),  # a diplomat is an official
    ("پیش از این، مالک نوروزی استاندار زنجان گفت جاده باز است.", "fa:مالک نوروزی"),  # a given name newly listed
])
def test_officials_introduced_by_office_are_discovered_with_their_whole_name(enricher, body, official):
    assert official in _found(enricher, body)["officials"]


def test_a_tournament_year_is_followed_by_its_host_country(enricher):
    body = "تیم ملی فوتبال در جام جهانی ۲۰۲۲ قطر با یک گل شکست خورد."
    assert "QA" in _found(enricher, body)["countries"]


def test_a_diameter_is_not_qatar_even_after_a_number(enricher):
    assert "QA" not in _found(enricher, "لوله‌ای به طول ۲۰ متر و قطر ۳۰ سانتیمتر نصب شد.")["countries"]


def test_a_first_name_that_is_an_everyday_word_does_not_hide_the_surname_after_it(enricher):
    # دولت is Devlet Bahçeli's first name, and 'government': دولت پزشکیان is Pezeshkian's government
    assert "masoud-pezeshkian" in _found(enricher, "دولت پزشکیان مصوبه را نهایی کرد.")["officials"]
    assert "devlet-bahceli" in _found(enricher, "دولت باغچلی رهبر حزب حرکت ملی گفت.")["officials"]
    # ادوار (Édouard Philippe) is also دوره's plural: not a given name that starts a discovered person
    assert not _found(enricher, "وزیر کشور نتایج نهایی دوره انتخابات ریاست‌جمهوری را اعلام کرد.")["officials"]


def test_a_glued_spelling_that_reads_as_a_compound_given_name_is_not_the_person(enricher):
    found = _found(enricher, "استاندار خراسان رضوی، محمدحسین یزدان‌پناه، گفت.")["officials"]
    assert found == {"fa:محمدحسین یزدان‌پناه"}


def test_an_election_for_an_office_is_not_its_holder(enricher):
    found = enricher.entities(Article(id="t", body="در دور دوم انتخابات ریاست‌جمهوری روسیه رأی‌گیری شد.",
                                      published=date(2018, 3, 18)))
    assert "vladimir-putin" not in {o["id"] for o in found["officials"]}
    found = enricher.entities(Article(id="t", body="رئیس‌جمهور روسیه در کرملین گفت.", published=date(2018, 3, 18)))
    assert "vladimir-putin" in {o["id"] for o in found["officials"]}


def test_our_country_in_the_press_voice_is_iran(enricher):
    assert "IR" in _found(enricher, "سخنگوی وزارت خارجه کشورمان این حملات را محکوم کرد.")["countries"]
    assert "IR" not in _found(enricher, "او گفت کشورمان را دوست دارد.")["countries"]


def test_an_office_after_an_everyday_word_surname_does_not_make_it_the_person(enricher):
    # issue 11, heldout5: برادر (brother) is Baradar's surname; the office after it is someone else's
    body = "رئیس پارلمان و برادر استاندار نیز سقوط شهر را فاجعه خواند."
    assert "abdul-ghani-baradar" not in _found(enricher, body)["officials"]
    # a surname that is not an everyday word is still vouched for by the office after it
    assert "abbas-araghchi" in _found(enricher, "عراقچی وزیر امور خارجه گفت مذاکرات ادامه دارد.")["officials"]


@pytest.mark.parametrize("body, official", [
    # issue 11, heldout5: figures the knowledge base lacked (sentences written for this test)
    ("غلامعلی حدادعادل سرلیست اصولگرایان شد.", "gholam-ali-haddad-adel"),  # glued spelling
    ("مصطفی هاشمی طبا از نامزدی کنار نرفت.", "mostafa-hashemi-taba"),
    ("سردار محمدرضا زاهدی در دمشق کشته شد.", "mohammad-reza-zahedi"),
    ("پیتر ماگیار رهبر حزب تیسا گفت.", "peter-magyar"),
])
def test_figures_added_in_issue_11_round_2_are_found(enricher, body, official):
    assert official in _found(enricher, body)["officials"]


def test_a_country_name_that_is_a_named_officials_surname_is_the_official(enricher):
    # issue 11, heldout5 (and 3 and 4): کامرون is Cameroon, and David Cameron's surname
    found = _found(enricher, "کامرون استعفا کرد. دیوید کامرون نخست‌وزیر بریتانیا از نتیجه همه‌پرسی ناخرسند بود.")
    assert "CM" not in found["countries"] and "david-cameron" in found["officials"]
    assert "CM" in _found(enricher, "تیم ملی کامرون به جام ملت‌ها رسید.")["countries"]


@pytest.mark.parametrize("body, name", [
    # issue 11, heldout6: title forms the press introduces unknown officials by (sentences written for this test)
    ("پیش از رأی‌گیری. یورگن کلاینر رهبر حزب سوسیال دموکرات گفت ائتلاف ادامه می‌یابد.", "fa:یورگن کلاینر"),
    ("در این انتخابات، توماس شوبرت نامزد دموکرات مسیحی‌ها شکست را پذیرفت.", "fa:توماس شوبرت"),
    ("انور قاسموف دستیار رئیس‌جمهور تاجیکستان گفت مرز باز است.", "fa:انور قاسموف"),  # the name ends at دستیار
    ("هیثم الجبوری فرستاده عراق در این نشست حضور داشت.", "fa:هیثم الجبوری"),  # an Arab given name
    ("آیت‌الله سید حسین موسوی امام جمعه همدان گفت مردم آرام باشند.", "fa:سید حسین موسوی"),  # سید is the name's
])
def test_officials_are_discovered_after_the_titles_the_press_uses(enricher, body, name):
    assert name in _found(enricher, body)["officials"]


def test_a_new_title_word_does_not_vouch_for_an_everyday_word_surname(enricher):
    # دستیار introduces officials but سال (year) before it is not Macky Sall
    found = _found(enricher, "طبری سال ها دستیار رئیس سابق قوه قضاییه بود.")["officials"]
    assert "macky-sall" not in found
    assert not any(o.startswith("fa:") and "دستیار" in o for o in found)


def _officials_on(enricher, body: str, day: date) -> set[str]:
    return {o["id"] for o in enricher.entities(Article(id="t", body=body, published=day))["officials"]}


def test_offices_worded_otherwise_than_the_catalogue_resolve_by_date(enricher):
    # issue 11, heldout6 (sentences written for this test): the leader's honorific forms
    body = "مقام معظم رهبری در دیدار با کارگران بر حمایت از تولید ملی تأکید کردند."
    assert "ali-khamenei" in _officials_on(enricher, body, date(2022, 5, 1))
    body = "رهبر معظم انقلاب اسلامی روز شنبه با صدور پیامی، درگذشت این عالم را تسلیت گفتند."
    assert "ali-khamenei" in _officials_on(enricher, body, date(2022, 5, 1))
    # a deputy is their own office, not the office they deputise
    found = _officials_on(enricher, "معاون رئیس‌جمهور آمریکا به کی‌یف سفر کرد.", date(2015, 6, 1))
    assert "joe-biden" in found and "barack-obama" not in found
    assert "mike-pence" in _officials_on(enricher, "معاون رئیس‌جمهور آمریکا به کی‌یف سفر کرد.", date(2019, 6, 1))
    # Iran has several vice-presidents at once: the bare office names none of them
    assert not _officials_on(enricher, "معاون رئیس‌جمهور در تهران گفت بودجه تصویب شد.", date(2023, 6, 1))
    # the foreign ministry's spokesman, with امور and کشورمان, by date
    body = "سخنگوی وزارت امور خارجه کشورمان این حمله را محکوم کرد."
    assert "saeed-khatibzadeh" in _officials_on(enricher, body, date(2021, 3, 1))
    assert "nasser-kanaani" in _officials_on(enricher, body, date(2023, 3, 1))


@pytest.mark.parametrize("body, official", [
    # issue 11, heldout6: spellings further from the knowledge base's than the earlier variants (written for this test)
    ("بیانیه مشترک امانوئل مکرون، ترزا می و آنگلا مرکل منتشر شد.", "theresa-may"),  # می before و is not a prefix
    ("کریستیان لیندنر از ائتلاف خارج شد.", "christian-lindner"),  # KB کریستین: a first name's -ین as -یان
    ("محمد الضیف در پیامی صوتی سخن گفت.", "mohammed-deif"),  # KB محمد ضیف: an Arab family name with ال-
])
def test_names_printed_further_from_the_knowledge_bases_spelling_are_found(enricher, body, official):
    assert official in _found(enricher, body)["officials"]


def test_the_arabic_article_variant_is_only_for_arab_officials(enricher):
    from search.entities.variants import spelling_variants
    assert "محمد الضیف" in spelling_variants("محمد ضیف", arabic=True)
    assert "نوری مالکی" in spelling_variants("نوری المالکی", arabic=True)
    assert not any(" ال" in v for v in spelling_variants("آنگلا مرکل"))
    assert "سرجو ماتارلا" in spelling_variants("سرجو ماتارللا")


def test_an_everyday_word_surname_joined_to_a_named_official_is_the_person(enricher):
    # issue 11, heldout6: ظریف ('delicate') alone, beside another official (sentences written for this test)
    assert "mohammad-javad-zarif" in _found(enricher, "جان کری و ظریف در ژنو گفت‌وگو کردند.")["officials"]
    assert "mohammad-javad-zarif" in _found(enricher, "پس از دیدار، موگرینی و ظریف بیانیه خواندند.")["officials"]
    # the everyday word stays a word
    assert "mohammad-javad-zarif" not in _found(enricher, "این کاری ظریف و دقیق است.")["officials"]


@pytest.mark.parametrize("body, official", [
    # issue 11, round 3: figures the knowledge base lacked (sentences written for this test)
    ("ترکی المالکی سخنگوی ائتلاف گفت عملیات ادامه دارد.", "turki-al-maliki"),
    ("آرمین لاشت رهبر دموکرات مسیحی‌ها شکست را پذیرفت.", "armin-laschet"),
    ("حکمت حاجی‌اف گفت مذاکرات در مسکو ادامه می‌یابد.", "hikmet-hajiyev"),
    ("بلال کریمی گفت کمک‌ها به ولایت خوست رسید.", "bilal-karimi"),
    ("سامول شهرامانیان فرمان انحلال نهادها را امضا کرد.", "samvel-shahramanyan"),
    ("آیت‌الله سید محمدعلی آل‌هاشم در خطبه‌ها گفت.", "mohammad-ali-al-e-hashem"),
])
def test_figures_added_in_issue_11_round_3_are_found(enricher, body, official):
    assert official in _found(enricher, body)["officials"]


def test_a_surname_variant_read_as_an_ordinary_word_does_not_make_a_sentence_foreign(enricher):
    # شهرامانیان without its alef (شهرمانیان) is read as شهر: شهرها (cities) names no Karabakh official, so the
    # bare office in an article set in Iran is still Iran's
    body = "ایران مرزها را بست. رئیس‌جمهور نیز گفت قرنطینه شهرها روشی قدیمی است و دولت چنین تصمیمی ندارد."
    assert "hassan-rouhani" in _officials_on(enricher, body, date(2020, 2, 25))


@pytest.mark.parametrize("body, name", [
    # an Arabic family name the lexicon does not know as written opens a foreign name (written for this test)
    ("گفت. شرمین الحسینی نماینده ویژه سازمان ملل در این نشست گفت.", "fa:شرمین الحسینی"),
    ("گفت. حمدی الزبیدی رئیس ستاد ارتش گفت نیروها آماده‌اند.", "fa:حمدی الزبیدی"),
    # an Iranian given name before a known surname: someone else, discovered in full
    ("گفت. فرامرز اکبری شهردار قزوین گفت طرح اجرا می‌شود.", "fa:فرامرز اکبری"),
])
def test_names_with_an_arabic_family_name_or_an_iranian_given_name_are_discovered(enricher, body, name):
    assert name in _found(enricher, body)["officials"]


def test_an_everyday_word_with_the_arabic_article_opens_no_name(enricher):
    found = _found(enricher, "او گفت. البته الگوی جدید معاون وزیر را قانع نکرد.")["officials"]
    assert not any(o.startswith("fa:") for o in found)


def test_the_presidency_is_not_the_president(enricher):
    # ریاست‌جمهوری is the presidency (its election, its mandate, its office), not its holder on the day
    body = "نتایج انتخابات اعلام شد. مراسم تنفیذ حکم ریاست‌جمهوری ایران قرار است در مردادماه برگزار شود."
    assert "mahmoud-ahmadinejad" not in _officials_on(enricher, body, date(2013, 6, 15))
    body = "رئیس‌جمهور ایران در پیامی از مردم قدردانی کرد."
    assert "mahmoud-ahmadinejad" in _officials_on(enricher, body, date(2012, 6, 15))


def test_a_known_official_printed_without_the_middle_of_the_name_is_found_by_the_office(enricher):
    # issue 11, heldout6: the press prints حسن قاضی‌زاده هاشمی as «سید حسن هاشمی» beside his office
    body = "سید حسن هاشمی وزیر بهداشت نیز گفت بیمارستان‌ها آماده‌اند."
    found = _officials_on(enricher, body, date(2015, 9, 25))
    assert "hassan-ghazizadeh-hashemi" in found and "fa:سید حسن هاشمی" not in found
    # the office must be one that official held around the day: a namesake with another office is someone else
    body = "سید حسن هاشمی استاندار کرمان گفت بیمارستان‌ها آماده‌اند."
    assert "hassan-ghazizadeh-hashemi" not in _officials_on(enricher, body, date(2015, 9, 25))


@pytest.mark.parametrize("body, official", [
    ("ژنرال ویلیامز کالیمان فرمانده ارتش بولیوی استعفای رئیس‌جمهور را خواست.", "stephanie-williams"),
    ("کالین جورجسکو نامزد انتخابات رومانی پیشتاز شد.", "ibrahim-kalin"),
])
def test_a_known_surname_beside_an_unknown_name_is_someone_else(enricher, body, official):
    # issue 11, heldout7 class 2: the surname is part of another person's name
    assert official not in _found(enricher, body)["officials"]


def test_a_known_surname_beside_ordinary_words_is_still_the_official(enricher):
    assert "ibrahim-kalin" in _found(enricher, "ابراهیم کالین سخنگوی ریاست جمهوری ترکیه گفت کالین امروز سفر می‌کند.")[
        "officials"]


@pytest.mark.parametrize("body, name", [
    ("هیئت ناظر اعلام کرد ماریا پترسکو (Maria Petrescu) رئیس کمیسیون انتخابات نتایج را تأیید کرد.", "ماریا پترسکو"),
    ("ارتش و یان وین (Yan Win) رئیس پارلمان این کشور را بازداشت کرد.", "یان وین"),  # a name word that is a city
])
def test_a_name_glossed_in_latin_before_an_office_is_discovered(enricher, body, name):
    # issue 11, heldout7 class 3: the Latin gloss vouches for the name and gives its number of words
    found = enricher.entities(Article(id="t", body=body, published=date(2024, 5, 1)))
    assert name in {o["name_fa"] for o in found["officials"] if o.get("discovered")}


def test_a_latin_gloss_of_another_length_or_not_a_name_discovers_nobody(enricher):
    body = "گزارش سازمان (UN) رئیس کمیسیون را نقد کرد."
    found = enricher.entities(Article(id="t", body=body, published=date(2024, 5, 1)))
    assert not [o for o in found["officials"] if o.get("discovered")]


@pytest.mark.parametrize("body, name", [
    # a clause opened by اما; a rank before the name; names invented for this test
    ("قدرت باید منتقل می‌شد، اما توکتوبک آلیمبایف رئیس پارلمان نپذیرفت.", "توکتوبک آلیمبایف"),
    ("پیش از این، ژنرال ویلکینز کالیمان فرمانده ارتش خواستار استعفا شد.", "ویلکینز کالیمان"),
])
def test_a_foreign_name_after_a_conjunction_or_a_rank_before_an_office_is_discovered(enricher, body, name):
    found = enricher.entities(Article(id="t", body=body, published=date(2024, 5, 1)))
    assert name in {o["name_fa"] for o in found["officials"] if o.get("discovered")}


@pytest.mark.parametrize("body, official, found", [
    ("پیام نوروزی رئیس‌جمهور به مناسبت آغاز سال نو منتشر شد.", "ghodratollah-nowruzi", False),
    ("نوروزی شهردار اصفهان از آغاز طرح سفرهای نوروزی خبر داد.", "ghodratollah-nowruzi", True),
])
def test_an_office_after_an_everyday_word_surname_vouches_only_for_one_who_held_it(enricher, body, official, found):
    # the president's Nowruz message is not Isfahan's mayor; the mayor named with his own office is
    assert (official in _found(enricher, body)["officials"]) is found


def test_a_name_matched_through_a_reduced_word_must_be_written_as_the_name(enricher):
    # issue 11, heldout8 class 3: رییسی (a spelling of رئیسی) reads as رئیس + ی, so its key met «ابراهیم رئیس…»
    body = "خلیل ابراهیم رئیس کمیسیون انتخابات گفت مشارکت بالا بود."
    found = enricher.entities(Article(id="t", body=body, published=date(2022, 5, 1)))
    assert "ebrahim-raisi" not in {o["id"] for o in found["officials"]}
    # the office word the span held still introduces the person before it
    assert "خلیل ابراهیم" in {o["name_fa"] for o in found["officials"] if o.get("discovered")}
    # the spelling itself is still the person
    assert "ebrahim-raisi" in _officials_on(enricher, "ابراهیم رییسی در جلسه دولت گفت.", date(2022, 5, 1))


def test_a_word_derived_from_a_surname_is_not_the_person(enricher):
    # رئیس افتخاری is an honorary chairman, not Babar Iftikhar (افتخار) vouched by the office word before it
    body = "بنیانگذار و رئیس افتخاری حزب حاکم پیروزی را جشن گرفت."
    assert "babar-iftikhar" not in _officials_on(enricher, body, date(2021, 5, 1))
    body = "ژنرال افتخار سخنگوی ارتش پاکستان گفت مرزها آرام است."
    assert "babar-iftikhar" in _officials_on(enricher, body, date(2021, 5, 1))


def test_a_known_official_named_in_part_is_found_by_an_office_he_held_named_in_the_sentence(enricher):
    # issue 11, heldout8 class 2: a surname that is also a word (رئیسی 'a chief'), with nothing beside it
    body = "قالیباف که در انتخابات ریاست‌جمهوری نامزد شده بود، به سود رئیسی از رقابت کنار رفت."
    assert "ebrahim-raisi" in _officials_on(enricher, body, date(2021, 9, 1))
    # not on a day he held no such office, nor without an office in the sentence
    assert "ebrahim-raisi" not in _officials_on(enricher, body, date(2015, 9, 1))
    assert "ebrahim-raisi" not in _officials_on(enricher, "او رئیسی سخت‌گیر برای این اداره بود.", date(2022, 9, 1))
    # the given name and last word of a longer name, with the ministry he then held (its abstract noun)
    body = "سید حسن هاشمی پس از رأی اعتماد سکان وزارت بهداشت را به دست گرفت."
    assert "hassan-ghazizadeh-hashemi" in _officials_on(enricher, body, date(2015, 9, 1))
    body = "سید حسن هاشمی پس از رأی اعتماد سکان وزارت نفت را به دست گرفت."
    assert "hassan-ghazizadeh-hashemi" not in _officials_on(enricher, body, date(2015, 9, 1))


def test_an_office_said_to_be_the_current_one_is_resolved_by_date(enricher):
    # رئیس‌جمهور کنونی پرو: کنونی (current) between the office and its country qualifies nothing
    body = "رئیس‌جمهور کنونی پرو از دو نامزد خواست تا اعلام نتایج آرامش را حفظ کنند."
    assert "ollanta-humala" in _officials_on(enricher, body, date(2016, 6, 7))
    body = "رئیس‌جمهور پیشین پرو از دو نامزد خواست تا اعلام نتایج آرامش را حفظ کنند."
    assert "ollanta-humala" not in _officials_on(enricher, body, date(2016, 6, 7))


def _discovered(enricher, body: str) -> set[str]:
    found = enricher.entities(Article(id="t", body=body, published=date(2024, 5, 1)))
    return {o["name_fa"] for o in found["officials"] if o.get("discovered")}


@pytest.mark.parametrize("body, name", [
    # issue 11, heldout8 class 1 (names invented for this test, people the knowledge base lacks): a senator, a
    # ministry's nominee
    ("در این رقابت، مارتین والدز سناتور میانه‌رو پیشتاز شد.", "مارتین والدز"),
    ("در مقابل، کاظم نیک‌سرشت گزینه وزارت نیرو رأی لازم را کسب نکرد.", "کاظم نیک‌سرشت"),
    # a junta's officers by their rank, also a rank of two words
    ("نظامیان روز شنبه سرهنگ دوم ماتیو زونگرانا را به عنوان رئیس دولت انتقالی معرفی کردند.", "ماتیو زونگرانا"),
    ("سرهنگ بوکاری سانوگو که بیانیه را خواند گفت قانون اساسی تعلیق شد.", "بوکاری سانوگو"),
    # after a preposition or a verb, a name of foreign words only; one the lexicon lists but Persian never uses
    ("نوبوا در دور دوم بر لوئیسا پالاسیوس نامزد جنبش چپ پیروز شد.", "لوئیسا پالاسیوس"),
    ("مؤسسه انتخابات اعلام کرد سوچیتل مندوسا نامزد ائتلاف مخالفان ۲۸ درصد آرا را کسب کرده است.", "سوچیتل مندوسا"),
    ("گوادالوپه تادی رئیس مؤسسه ملی انتخابات گفت شمارش ادامه دارد.", "گوادالوپه تادی"),
    # a Latin gloss with accents, before a title whose phrase a comma and another name follow
    ("به گزارش یورونیوز، ژوزه فریرا (José Ferreira) رهبر حزب «شگا»، لوئیس مندش وزیر پیشین نامزد شدند.",
     "ژوزه فریرا"),
    # a Latin gloss, then که and the office
    ("عوض بن سالم (Awad Ibn Salem) که معاون اول رئیس‌جمهور نیز بود، از تعلیق قانون اساسی خبر داد.", "عوض بن سالم"),
])
def test_officials_are_discovered_after_more_titles_and_at_more_name_boundaries(enricher, body, name):
    assert name in _discovered(enricher, body)


@pytest.mark.parametrize("body", [
    # an ordinary phrase after a preposition is no name, even with a word the language seldom uses in it
    "جواد اوجی پیش از آغاز سی‌وپنجمین نشست وزیران اوپک گفت تولید ثابت می‌ماند.",
    "او بی‌آنکه نام ببرد از وزیر اقتصاد انتقاد کرد.",
    "نمایندگان با ۱۴۵ رأی موافق ابقای وزیر را رد کردند.",
])
def test_a_widened_name_boundary_still_discovers_no_ordinary_words(enricher, body):
    assert not _discovered(enricher, body)


@pytest.mark.parametrize("body, name", [
    # issue 11, heldout8 class 1 (names invented): a foreign surname alone given a title is the person named in full
    ("نامزد چپ‌گرا با اختلاف اندکی از ماریسا کوناگارا عقب افتاد.\nکوناگارا، رهبر حزب نیروی نو، در دور نخست پیشتاز بود.",
     "ماریسا کوناگارا"),
    ("پترو در دور دوم بر رامیرو ارتانیدس پیروز شد. ارتانیدس که پیش‌تر شهردار بوکارامانگا بود، شکست را پذیرفت.",
     "رامیرو ارتانیدس"),
])
def test_a_surname_alone_given_a_title_is_the_person_named_in_full_before(enricher, body, name):
    assert name in _discovered(enricher, body)


def test_a_surname_alone_given_a_title_without_the_full_name_before_discovers_nobody(enricher):
    assert not _discovered(enricher, "کوناگارا، رهبر حزب نیروی نو، در دور نخست پیشتاز بود.")


@pytest.mark.parametrize("body, name", [
    # issue 11, heldout8 class 1 (names invented): the lead gives the title, the next sentence the name
    ("رئیس سازمان امداد روز سه‌شنبه گفت ده هزار نفر اسکان یافته‌اند.\nعلی‌اکبر نیک‌پیوند افزود جاده‌ها باز است.",
     "علی‌اکبر نیک‌پیوند"),
    ("رئیس سازمان حج شمار جان‌باختگان را ۱۳۱ نفر اعلام کرد. سعید اوجانی به خبرنگار ما گفت جست‌وجو ادامه دارد.",
     "سعید اوجانی"),
])
def test_a_name_that_continues_the_statement_of_a_bare_office_is_its_holder(enricher, body, name):
    assert name in _discovered(enricher, body)


def test_a_name_after_an_office_sentence_that_names_someone_is_not_its_holder(enricher):
    # the office's sentence already names a person (the minister who spoke), so the next speaker is someone else
    body = ("وزیر کشور درباره عبدالرضا رحمانی فضلی سخن گفت.\nعلی‌اکبر نیک‌پیوند افزود جاده‌ها باز است.")
    assert "علی‌اکبر نیک‌پیوند" not in _discovered(enricher, body)


def test_a_name_listed_between_known_officials_is_one_of_them(enricher):
    # issue 11, heldout8 class 1 (the list's unknown member invented): elected members, ministers, candidates listed
    body = "علی مطهری، محمود صادقی، مصطفی کوکب‌زاده و پروانه سلحشوری از دیگر منتخبان این فهرست هستند."
    assert "مصطفی کوکب‌زاده" in _discovered(enricher, body)
    # not ordinary words between them, nor a name at the list's end with no official after it
    assert not _discovered(enricher, "علی مطهری، دیگر نمایندگان و پروانه سلحشوری به مجلس رفتند.")
    assert not _discovered(enricher, "علی مطهری و مصطفی کوکب‌زاده به مجلس رفتند.")


# issue 11, heldout9's country classes (sentences written for this test)
@pytest.mark.parametrize("body, country", [
    ("وزیر خارجه پس از دیدار با همتای خود عازم دمشق شد.", "SY"),  # a trip's destination
    ("معاون وزیر در ادامه سفر به پاریس، برلین و رم خواهد رفت.", "DE"),  # a listed itinerary
    ("معاون وزیر در ادامه سفر به پاریس، برلین و رم خواهد رفت.", "IT"),
    ("توافق با میانجیگری چین امضا شد.", "CN"),  # a state mediates
])
def test_a_foreign_capital_travelled_to_and_a_mediating_state_are_countries(enricher, body, country):
    assert country in _found(enricher, body)["countries"]


@pytest.mark.parametrize("body, country", [
    ("سفیر در این مراسم به زبان‌های فرانسوی و آلمانی سخن گفت.", "FR"),  # languages, not countries
    ("سفیر در این مراسم به زبان‌های فرانسوی و آلمانی سخن گفت.", "DE"),
    ("کتاب او به زبان ژاپنی ترجمه شد.", "JP"),
    ("وزارت خارجه گفت موضوع از مجاری قانونی پیگیری می‌شود.", "HU"),  # the plural of مجرا 'channel'
])
def test_a_language_and_an_everyday_plural_are_not_countries(enricher, body, country):
    assert country not in _found(enricher, body)["countries"]


def test_tehran_travelled_to_is_still_a_city_in_a_domestic_story(enricher):
    assert "IR" not in _found(enricher, "استاندار پس از بازدید از سیل‌زدگان عازم تهران شد.")["countries"]


@pytest.mark.parametrize("body, official", [
    ("لوئیسا گونسالس نامزد انتخابات گفت نتیجه را نمی‌پذیرد.", "luisa-gonzalez"),  # its س spelling
])
def test_spellings_the_press_prints_for_known_officials(enricher, body, official):
    assert official in _found(enricher, body)["officials"]


def test_an_office_held_before_the_ones_the_knowledge_base_listed(enricher):
    found = enricher.entities(Article(id="t", body="وزیر بهداشت عربستان زائران را به بی‌احتیاطی متهم کرد.",
                                      published=date(2015, 9, 26)))
    assert "khalid-al-falih" in {item["id"] for item in found["officials"]}


# issue 11, heldout9's officials found where there were none (sentences written for this test)
@pytest.mark.parametrize("body", [
    "دبیرکل سازمان از برگزاری نشست رهبران این پیمان خبر داد.",  # a plural title names no one holder
    "در این حادثه فرمانده پاسگاه و راننده خودرو جان باختند.",  # a conjugated verb is no name word
])
def test_no_discovered_official_from_a_plural_title_or_a_verb(enricher, body):
    found = enricher.entities(Article(id="t", body=body, published=date(2025, 5, 1)))
    assert [item["id"] for item in found["officials"] if item.get("discovered")] == []


def test_a_craft_named_after_a_person_is_not_the_person(enricher):
    body = "پهپاد آکینجی ترکیه در جست‌وجوی بالگرد شرکت کرد و ارتش از موشک اردوغان رونمایی کرد."
    assert not {"mustafa-akinci", "recep-tayyip-erdogan"} & _found(enricher, body)["officials"]


def test_a_surname_alone_is_not_vouched_for_by_a_deputys_office(enricher):
    # issue 11, heldout9: the office that vouches for a surname alone must be named, not its deputy's
    deputy = "در کابینه جدید، اسماعیل قرار است معاون نخست‌وزیر شود."
    assert "sherif-ismail" not in _officials_on(enricher, deputy, date(2017, 1, 10))
    holder = "در کابینه جدید، اسماعیل که نخست‌وزیر است از وزیران خواست همکاری کنند."
    assert "sherif-ismail" in _officials_on(enricher, holder, date(2017, 1, 10))
