package gen

// language is one language a stress site can have: its hugo.toml entry
// and a small vocabulary in its own script, so that the generated text
// weighs what real text in that script weighs (three bytes a character
// in CJK, Khmer or Thai, two in Arabic or Cyrillic) and exercises the
// same code paths (right to left, unspaced scripts).
type language struct {
	code, label, locale, dir string
	// spaced is false for scripts written without spaces between words.
	spaced bool
	words  []string
}

// languages, English first. Every code is canonical for golang.org/x/text
// (source.Load refuses one that is not: Hugo would read its i18n file as
// another language). The words are ordinary words of each language; the
// sentences made of them mean nothing, but they are in the right script.
var languages = []language{
	{"en", "English", "en-US", "ltr", true, words("the department health care members data federal court privacy information coverage state program notice benefits county renewal office services public records eligibility")},
	{"es", "Español", "es-US", "ltr", true, words("el departamento salud atención miembros datos federal tribunal privacidad información cobertura estado programa aviso beneficios condado renovación oficina servicios públicos")},
	{"zh-hant", "中文（繁體）", "zh-Hant-US", "ltr", false, words("衛生 保健 服務 部門 會員 資料 聯邦 法院 隱私 資訊 保險 州政府 計畫 通知 福利 縣 續保 辦公室 公共 記錄")},
	{"vi", "Tiếng Việt", "vi-US", "ltr", true, words("bộ y tế chăm sóc thành viên dữ liệu liên bang tòa án quyền riêng tư thông tin bảo hiểm tiểu bang chương trình thông báo phúc lợi quận gia hạn văn phòng")},
	{"ko", "한국어", "ko-US", "ltr", true, words("보건 의료 서비스 부서 회원 데이터 연방 법원 개인정보 정보 보험 주정부 프로그램 안내 혜택 카운티 갱신 사무소 공공 기록")},
	{"fil", "Tagalog", "tl-US", "ltr", true, words("ang kagawaran kalusugan pangangalaga miyembro datos pederal hukuman privacy impormasyon saklaw estado programa paunawa benepisyo county pag-renew tanggapan serbisyo publiko")},
	{"ar", "العربية", "ar-US", "rtl", true, words("وزارة الصحة الرعاية الأعضاء البيانات الفيدرالية المحكمة الخصوصية المعلومات التغطية الولاية البرنامج إشعار المزايا المقاطعة التجديد المكتب الخدمات العامة السجلات")},
	{"fa", "فارسی", "fa-US", "rtl", true, words("وزارت بهداشت مراقبت اعضا داده فدرال دادگاه حریم خصوصی اطلاعات پوشش ایالت برنامه اطلاعیه مزایا شهرستان تمدید دفتر خدمات عمومی")},
	{"hy", "Հայերեն", "hy-US", "ltr", true, words("առողջապահության նախարարություն խնամք անդամներ տվյալներ դաշնային դատարան գաղտնիություն տեղեկություն ապահովագրություն նահանգ ծրագիր ծանուցում նպաստներ շրջան թարմացում գրասենյակ ծառայություններ հանրային գրառումներ")},
	{"ru", "Русский", "ru-US", "ltr", true, words("департамент здравоохранения помощь участники данные федеральный суд конфиденциальность информация страховка штат программа уведомление льготы округ продление офис услуги общественные записи")},
	{"ja", "日本語", "ja-US", "ltr", false, words("保健 医療 サービス 部局 会員 データ 連邦 裁判所 プライバシー 情報 保険 州 プログラム お知らせ 給付 郡 更新 事務所 公共 記録")},
	{"km", "ខ្មែរ", "km-US", "ltr", false, words("ក្រសួង សុខាភិបាល ការថែទាំ សមាជិក ទិន្នន័យ សហព័ន្ធ តុលាការ ឯកជនភាព ព័ត៌មាន ការធានា រដ្ឋ កម្មវិធី សេចក្តីជូនដំណឹង អត្ថប្រយោជន៍ ខោនធី ការបន្ត ការិយាល័យ សេវា សាធារណៈ កំណត់ត្រា")},
	{"pa", "ਪੰਜਾਬੀ", "pa-US", "ltr", true, words("ਵਿਭਾਗ ਸਿਹਤ ਦੇਖਭਾਲ ਮੈਂਬਰ ਡਾਟਾ ਸੰਘੀ ਅਦਾਲਤ ਨਿੱਜਤਾ ਜਾਣਕਾਰੀ ਕਵਰੇਜ ਰਾਜ ਪ੍ਰੋਗਰਾਮ ਨੋਟਿਸ ਲਾਭ ਕਾਉਂਟੀ ਨਵੀਨੀਕਰਨ ਦਫ਼ਤਰ ਸੇਵਾਵਾਂ ਜਨਤਕ ਰਿਕਾਰਡ")},
	{"th", "ไทย", "th-US", "ltr", false, words("กรม สุขภาพ การดูแล สมาชิก ข้อมูล รัฐบาลกลาง ศาล ความเป็นส่วนตัว ข่าวสาร ความคุ้มครอง รัฐ โครงการ ประกาศ สิทธิประโยชน์ เคาน์ตี การต่ออายุ สำนักงาน บริการ สาธารณะ บันทึก")},
	{"uk", "Українська", "uk-US", "ltr", true, words("департамент охорони здоров'я допомога учасники дані федеральний суд приватність інформація страхування штат програма повідомлення пільги округ поновлення офіс послуги публічні записи")},
	{"lo", "ລາວ", "lo-US", "ltr", false, words("ກົມ ສຸຂະພາບ ການດູແລ ສະມາຊິກ ຂໍ້ມູນ ລັດຖະບານກາງ ສານ ຄວາມເປັນສ່ວນຕົວ ຂ່າວສານ ການຄຸ້ມຄອງ ລັດ ໂຄງການ ແຈ້ງການ ຜົນປະໂຫຍດ ເຂດ ການຕໍ່ອາຍຸ ຫ້ອງການ ບໍລິການ ສາທາລະນະ ບັນທຶກ")},
	{"hi", "हिन्दी", "hi-US", "ltr", true, words("विभाग स्वास्थ्य देखभाल सदस्य डेटा संघीय अदालत गोपनीयता जानकारी कवरेज राज्य कार्यक्रम सूचना लाभ काउंटी नवीनीकरण कार्यालय सेवाएँ सार्वजनिक रिकॉर्ड")},
	{"so", "Soomaali", "so-US", "ltr", true, words("waaxda caafimaadka daryeelka xubnaha xogta federaalka maxkamadda sirta macluumaadka caymiska gobolka barnaamijka ogeysiis faa'iidooyinka degmada cusboonaysiinta xafiiska adeegyada dadweynaha diiwaannada")},
	{"am", "አማርኛ", "am-US", "ltr", true, words("መምሪያ ጤና እንክብካቤ አባላት መረጃ ፌዴራል ፍርድ ቤት ግላዊነት መረጃዎች ሽፋን ግዛት ፕሮግራም ማስታወቂያ ጥቅሞች አውራጃ እድሳት ቢሮ አገልግሎቶች ህዝባዊ መዝገቦች")},
	{"pt", "Português", "pt-US", "ltr", true, words("o departamento saúde cuidados membros dados federal tribunal privacidade informação cobertura estado programa aviso benefícios condado renovação escritório serviços públicos")},
	{"fr", "Français", "fr-US", "ltr", true, words("le département santé soins membres données fédéral tribunal confidentialité information couverture état programme avis prestations comté renouvellement bureau services publics")},
	{"ur", "اردو", "ur-US", "rtl", true, words("محکمہ صحت نگہداشت اراکین ڈیٹا وفاقی عدالت رازداری معلومات کوریج ریاست پروگرام اطلاع فوائد کاؤنٹی تجدید دفتر خدمات عوامی ریکارڈ")},
	{"ps", "پښتو", "ps-US", "rtl", true, words("ریاست روغتیا پاملرنه غړي معلومات فدرالي محکمه محرمیت خبرتیا پوښښ ایالت پروګرام خبرتیا ګټې ولسوالۍ تازه دفتر خدمتونه عامه ریکارډونه")},
	{"hmn", "Hmoob", "hmn-US", "ltr", true, words("lub chaw haujlwm kev noj qab haus huv kev saib xyuas cov tswv cuab ntaub ntawv tsoomfwv teb chaws tsev hais plaub kev ceev ntiag tug")},
}

func words(s string) []string {
	var out []string
	start := -1
	for i, r := range s {
		switch {
		case r == ' ' && start >= 0:
			out = append(out, s[start:i])
			start = -1
		case r != ' ' && start < 0:
			start = i
		}
	}
	if start >= 0 {
		out = append(out, s[start:])
	}
	return out
}
