package russian

import (
	"strings"
	"testing"
)

func TestFoldWord(t *testing.T) {
	tests := []struct{ in, want string }{
		{"C5", "с5"},           // Latin C before a digit folds to Cyrillic
		{"С5", "с5"},           // Cyrillic stays
		{"Ёлка", "елка"},       // ё → е
		{"ВСЁ", "все"},         // upper-case Ё
		{"Сoюз", "союз"},       // a Latin o inside a Cyrillic word
		{"Twitter", "twitter"}, // a Latin word keeps its letters
		{"Блинкен", "блинкен"},
		{"госсекретарь", "госсекретарь"}, // already folded
		{"встретился", "встретился"},
		{"её", "ее"}, // lower-case ё inside
		{"c5", "с5"}, // a lower-case Latin look-alike before a digit
		{"iphone", "iphone"},
		{"2024", "2024"},
		{"", ""},
		{"Касым-Жомарт", "касым-жомарт"},
	}
	for _, tt := range tests {
		if got := FoldWord(tt.in); got != tt.want {
			t.Errorf("FoldWord(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestCleanText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"\uFEFFтекст", "текст"},
		{"a\u00A0b\tc", "a b c"},
		{"и\u0306од", "йод"},   // decomposed й
		{"е\u0308лка", "ёлка"}, // decomposed ё
		{"пере\u00ADнос", "перенос"},
		{"стр\r\nока", "стр\nока"},
		{"bad\xffbyte", "bad\uFFFDbyte"},
	}
	for _, tt := range tests {
		if got := CleanText(tt.in); got != tt.want {
			t.Errorf("CleanText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func sentences(p string) []string {
	var out []string
	for _, s := range Sentences(p) {
		out = append(out, p[s.Start:s.End])
	}
	return out
}

func TestSentences(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"initial", "Его принял Э. Блинкен. Потом был обед.", []string{"Его принял Э. Блинкен.", "Потом был обед."}},
		{"two-letter initial", "Президентства Дж. Байдена, что важно. Дальше.", []string{"Президентства Дж. Байдена, что важно.", "Дальше."}},
		{"initial К.", "План реформ Президента К. Токаева. Конец.", []string{"План реформ Президента К. Токаева.", "Конец."}},
		{"million abbreviation", "На сумму более 6,2 млн. долларов. Далее.", []string{"На сумму более 6,2 млн. долларов.", "Далее."}},
		{"прим.", "(сил США - прим. ТАСС), доступ. Новое.", []string{"(сил США - прим. ТАСС), доступ.", "Новое."}},
		{"missing space after ?", "С Госсекретарем США Э. Блинкеном?Можете рассказать подробности?", []string{"С Госсекретарем США Э. Блинкеном?", "Можете рассказать подробности?"}},
		{"quote kept whole", "«Мы наблюдаем. Мы выдаем лицензии», – сказал Энтони Блинкен. Далее.", []string{"«Мы наблюдаем. Мы выдаем лицензии», – сказал Энтони Блинкен.", "Далее."}},
		{"ascii quote kept whole", `"Два лидера обещали. Оба подтвердили", - говорится в документе. Потом.`, []string{`"Два лидера обещали. Оба подтвердили", - говорится в документе.`, "Потом."}},
		{"nested quotes", "Он подчеркнул «важность диалога «С5+1». И работы». Конец.", []string{"Он подчеркнул «важность диалога «С5+1». И работы».", "Конец."}},
		{"exclamation", "Ура! Победа.", []string{"Ура!", "Победа."}},
		{"decimal", "Рост 1.5 процента. Да.", []string{"Рост 1.5 процента.", "Да."}},
		{"г. before a city", "Встреча прошла в г. Астана. Далее.", []string{"Встреча прошла в г. Астана.", "Далее."}},
		{"lower after dot", "Было т.е. сказано. Итог.", []string{"Было т.е. сказано.", "Итог."}},
		{"ум. before a year", "Иван Бунин (ум. 1953) писал прозу. Далее.", []string{"Иван Бунин (ум. 1953) писал прозу.", "Далее."}},
		{"род. before a place", "Поэт (род. В Одессе) приехал. Далее.", []string{"Поэт (род. В Одессе) приехал.", "Далее."}},
		{"т. н. before a name", "Началась т. н. Пражская весна. Далее.", []string{"Началась т. н. Пражская весна.", "Далее."}},
		{"им. before a name", "Театр им. Вахтангова открылся. Далее.", []string{"Театр им. Вахтангова открылся.", "Далее."}},
		{"лат. before a term", "Гребневики (лат. Ctenophora) живут в море. Далее.", []string{"Гребневики (лат. Ctenophora) живут в море.", "Далее."}},
		{"sentence end still ends", "Он умер. Его похоронили.", []string{"Он умер.", "Его похоронили."}},
		{"unclosed quote does not swallow", "«Начало. " + strings.Repeat("Слово слово слово. ", 60) + "Конец.", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := sentences(tt.in)
			if tt.want == nil {
				if len(got) < 2 {
					t.Fatalf("an unclosed quote swallowed the paragraph: %d sentence(s)", len(got))
				}
				return
			}
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestQuotes(t *testing.T) {
	tests := []struct {
		name, in      string
		text          string
		speaker       string
		kind          SpeakerKind
		role, pronoun bool
	}{
		{"after, full name", "«Мы наблюдаем за последствиями санкций», – сказал Энтони Блинкен на пресс-конференции.", "Мы наблюдаем за последствиями санкций", "Энтони Блинкен", SpeakerPerson, false, false},
		{"after, adverb", "«Вы великий лидер, государственный деятель», — восторженно заявил Токаев.", "Вы великий лидер, государственный деятель", "Токаев", SpeakerPerson, false, false},
		{"after, surname then dative", "«Казахстан — особый партнер», — заявил Песков журналистам.", "Казахстан — особый партнер", "Песков", SpeakerPerson, false, false},
		{"document", `"Лидеры намерены консультироваться", - говорится в документе.`, "Лидеры намерены консультироваться", "документе", SpeakerDocument, false, false},
		{"statement", "«Оба лидера подтвердили независимость», - говорится в заявлении.", "Оба лидера подтвердили независимость", "заявлении", SpeakerDocument, false, false},
		{"ministry", "«Обсужден широкий круг вопросов», – отметили в МИД.", "Обсужден широкий круг вопросов", "МИД", SpeakerOrganization, false, false},
		{"press service", "«Достигнуто взаимное понимание сторон», – сообщает пресс-служба министерства.", "Достигнуто взаимное понимание сторон", "пресс-служба министерства", SpeakerOrganization, false, false},
		{"before, colon", "Песков заявил: «Визит начнется завтра».", "Визит начнется завтра", "Песков", SpeakerPerson, false, false},
		{"before, что", "Госсекретарь США подчеркнул, что «Соединенные Штаты твердо поддерживают реформы».", "Соединенные Штаты твердо поддерживают реформы", "Госсекретарь США", SpeakerPerson, true, false},
		{"before, initial", "Глава ведомства М. Тлеуберди подчеркнул «важность продолжения работы».", "важность продолжения работы", "Глава ведомства М. Тлеуберди", SpeakerPerson, false, false},
		{"role back-reference", "«Мы продолжим работу вместе», – сказал заместитель госсекретаря.", "Мы продолжим работу вместе", "заместитель госсекретаря", SpeakerPerson, true, false},
		{"pronoun", "«Это важный шаг для нас», – добавил он.", "Это важный шаг для нас", "он", SpeakerPerson, false, true},
		{"female verb", "«Мы готовы к диалогу», – заявила Мария Захарова.", "Мы готовы к диалогу", "Мария Захарова", SpeakerPerson, false, false},
		{"по словам", "По словам Дмитрия Пескова, «визит будет долгим и важным».", "визит будет долгим и важным", "Дмитрия Пескова", SpeakerPerson, false, false},
		{"plural body", "Власти Казахстана заявили, что присоединение является «естественным и логичным».", "естественным и логичным", "Власти Казахстана", SpeakerOrganization, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			qs := Quotes(tt.in)
			if len(qs) != 1 {
				t.Fatalf("got %d quotes: %+v", len(qs), qs)
			}
			q := qs[0]
			if q.Text != tt.text || q.Speaker != tt.speaker || q.Kind != tt.kind || q.Role != tt.role || q.Pronoun != tt.pronoun {
				t.Errorf("got text=%q speaker=%q kind=%v role=%v pronoun=%v", q.Text, q.Speaker, q.Kind, q.Role, q.Pronoun)
			}
		})
	}
}

func TestQuotesIgnoreTitles(t *testing.T) {
	for _, in := range []string{
		"передает МИА «Казинформ».",
		"в формате «C5+1» в Белом доме.",
		"присоединяется к «соглашениям Авраама» о нормализации.",
	} {
		if qs := Quotes(in); len(qs) != 0 {
			t.Errorf("%q: a name in quote marks taken for a quotation: %+v", in, qs)
		}
	}
}

func TestIsSpeechVerb(t *testing.T) {
	for _, w := range []string{"сказал", "заявила", "отметили", "подчеркнул", "сообщил", "признался", "говорится", "добавил", "считает"} {
		if _, ok := IsSpeechVerb(w); !ok {
			t.Errorf("%q is a speech verb", w)
		}
	}
	for _, w := range []string{"заявление", "сообщения", "Сказал", "стол", "говорящий"} {
		if _, ok := IsSpeechVerb(w); ok {
			t.Errorf("%q is not a finite speech verb", w)
		}
	}
}

func TestDateISO(t *testing.T) {
	tests := []struct {
		d         Date
		iso, text string
	}{
		{Date{2023, 2, 28}, "2023-02-28", "28 февраля 2023"},
		{Date{2021, 4, 0}, "2021-04", "апрель 2021"},
		{Date{2021, 0, 0}, "2021", "2021"},
		{Date{0, 10, 3}, "--10-03", "3 октября (год не указан)"},
		{Date{}, "", ""},
	}
	for _, tt := range tests {
		if tt.d.ISO() != tt.iso || tt.d.Russian() != tt.text {
			t.Errorf("%+v: got %q %q, want %q %q", tt.d, tt.d.ISO(), tt.d.Russian(), tt.iso, tt.text)
		}
	}
	for in, want := range map[string]string{"2018-01-16T23:19": "2018-01-16", "2021-04": "2021-04", "2021": "2021", "x": "", "2021-13": ""} {
		d, _ := ParseISO(in)
		if d.ISO() != want {
			t.Errorf("ParseISO(%q) = %q, want %q", in, d.ISO(), want)
		}
	}
}

func TestWordsKeepHyphenatedNames(t *testing.T) {
	var got []string
	for _, w := range Words("Касым-Жомарт Токаев, пресс-секретарь; 11-12 ноября; C5+1") {
		got = append(got, w.Text)
	}
	want := "Касым-Жомарт|Токаев|пресс-секретарь|11|12|ноября|C5|1"
	if strings.Join(got, "|") != want {
		t.Errorf("got %q, want %q", strings.Join(got, "|"), want)
	}
}

func TestCleanTextFoldsInvisibleAndStress(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Бори\u0301с Пастерна\u0301к", "Борис Пастернак"},    // acute stress marks
		{"зе\u0300мли", "земли"},                              // grave stress mark
		{"Блин\u00adкен", "Блинкен"},                          // soft hyphen
		{"Ток\u200bаев", "Токаев"},                            // zero-width space
		{"\ufeffАстана", "Астана"},                            // byte-order mark
		{"сло\u200eво", "слово"},                              // left-to-right mark (format character)
		{"и\u0306од", "йод"},                                  // decomposed й
		{"е\u0308лка", "ёлка"},                                // decomposed ё
		{"Нур-Султан\u00a0— столица", "Нур-Султан — столица"}, // no-break space
		{"«C5+1»", "«C5+1»"},                                  // visible text unchanged
	}
	for _, tt := range tests {
		if got := CleanText(tt.in); got != tt.want {
			t.Errorf("CleanText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestIsNumeral(t *testing.T) {
	for _, w := range []string{"четыре", "четырьмя", "Два", "двумя", "пятнадцати", "двадцать", "сорока", "сто", "тысячу", "миллионов", "полтора", "несколько", "семьсот"} {
		if !IsNumeral(w) {
			t.Errorf("IsNumeral(%q) = false", w)
		}
	}
	for _, w := range []string{"стоит", "семья", "пятно", "тысячелетие", "сотрудник", "дважды", "Четверг"} {
		if IsNumeral(w) {
			t.Errorf("IsNumeral(%q) = true", w)
		}
	}
}

// TestCountWords: the words that say how many times or how many years,
// each with look-alikes that say neither.
func TestCountWords(t *testing.T) {
	for _, tc := range []struct {
		name    string
		is      func(string) bool
		yes, no []string
	}{
		{"IsMultiplicative", IsMultiplicative,
			[]string{"дважды", "Трижды", "четырежды", "единожды", "пятикратный", "шестикратная", "трёхкратного", "двукратным", "десятикратно", "5-кратный", "3кратная"},
			[]string{"однажды", "кратный", "многократно", "кратко", "два", "трижды-то", "пятикратник", "Дважды2"}},
		{"IsYearsOld", IsYearsOld,
			[]string{"72-летний", "30-летнего", "сорокалетней", "восьмилетний", "двадцатипятилетняя", "Пятилетнему", "столетний", "3-летних"},
			[]string{"летний", "многолетний", "долголетняя", "30-летие", "летом", "лет", "72", "прошлогодний"}},
	} {
		for _, w := range tc.yes {
			if !tc.is(w) {
				t.Errorf("%s(%q) = false", tc.name, w)
			}
		}
		for _, w := range tc.no {
			if tc.is(w) {
				t.Errorf("%s(%q) = true", tc.name, w)
			}
		}
	}
}

// TestFinalWord: the last word found from the end is the last of Words,
// for hyphens, apostrophes, digits, combining marks and trailing marks.
func TestFinalWord(t *testing.T) {
	for _, s := range []string{"", " ", "«", "театра имени", "театра имени ", "театра имени, ", "Мамин-Сибиряк",
		"улица Мамина-Сибиряка»", "д'Артаньян", "-имени", "о-", "-", "a-b-c", "в 2024", "Бори́с", "Ж.-П.", "слово -", "x--y",
		"вице-премьер ", "O’Нил.", "\u0301", "а\u0301"} {
		ws := Words(s)
		w, ok := finalWord(s)
		if ok != (len(ws) > 0) || ok && w != ws[len(ws)-1] {
			t.Errorf("%q: finalWord %+v %v, Words %+v", s, w, ok, ws)
		}
	}
}

func TestOpenings(t *testing.T) {
	for _, tc := range []struct {
		s                string
		anaphor, pronoun bool
	}{
		{"Он также стал самым старым квотербеком.", true, true},
		{"Она прибыла в Астану накануне.", true, true},
		{"Они договорились продолжить переговоры.", true, true},
		{"По её словам, решение уже принято.", true, true},
		{"По его словам, визит важен.", true, true},
		{"Об этом сообщается в заявлении.", true, false},
		{"Это привело к строительству храмов.", true, false},
		{"Онлайн-трансляция начнётся в полдень.", false, false},
		{"Оноре де Бальзак родился в Туре.", false, false},
		{"Токаев принял Блинкена в Акорде.", false, false},
		{"В 1994 году он женился на певице.", false, true},
		{"Ему было 64 года.", false, true},
		{"Их встретил президент.", false, true},
		{"ЕЁ ВСТРЕТИЛИ В АЭРОПОРТУ.", false, true},
		{"«Он приехал вовремя», — сказали в Кремле.", false, true},
		{"Он-лайн трансляция начнётся в полдень.", false, false},
		{"В МГУ им. Ломоносова прошла встреча.", false, false},
		{"Переговоры с президентом России пройдут в Кремле, сообщили его помощники.", false, false},
	} {
		if got := OpensWithAnaphor(tc.s); got != tc.anaphor {
			t.Errorf("OpensWithAnaphor(%q) = %v", tc.s, got)
		}
		if got := PronounSubject(tc.s); got != tc.pronoun {
			t.Errorf("PronounSubject(%q) = %v", tc.s, got)
		}
	}
}
