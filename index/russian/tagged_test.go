package russian

import (
	"slices"
	"strings"
	"testing"

	"github.com/corpusbot/corpusbot/index/russian/tagger"
)

// taggedNamer is a Namer with the shipped tagger and a corpus vocabulary
// made of the given texts, as the index builds it.
func taggedNamer(t *testing.T, texts ...string) *Namer {
	t.Helper()
	m, err := tagger.Default()
	if err != nil {
		t.Fatal(err)
	}
	vocab := NewVocab()
	for _, s := range texts {
		vocab.AddText(s)
	}
	n := NewNamer(vocab.Common)
	n.Named = vocab.Named
	n.CommonStem = vocab.CommonStem
	n.Tagger = m
	return n
}

// TestNotAPerson: a capitalised common noun before a surname in the
// genitive opens many sentences; it is no first name when the corpus uses
// a word of its stem in lower case, when it is a family relation, or when
// the pair is a title in quotes. A woman's patronymic is no surname. The
// real person of each sentence is still found.
func TestNotAPerson(t *testing.T) {
	cases := []struct {
		s, not, person string
	}{
		{"Предшественник Кравцова 31-летний Иван Муравьев пострадал за ЕГЭ.", "Предшественник", "Иван Муравьев"},
		{"Сторонники Навального Алексей Петров и Олег Сидоров вышли на улицу.", "Сторонники", "Алексей Петров"},
		{"Вдова Солженицына Наталья Светлова ознакомилась со сценарием.", "Вдова", "Наталья Светлова"},
		{"Сын Байдена дал показания в суде, сообщил Андрей Смирнов.", "Сын", "Андрей Смирнов"},
		{"На церемонии были вдова Ельцина Наина Иосифовна и мэр Олег Сидоров.", "Наин", "Олег Сидоров"},
		{"Задержаны участники «Марша Голунова» и журналист Иван Голунов.", "Марш", "Иван Голунов"},
		{"Наталья Дмитриевна ознакомилась со сценарием, сообщил Андрей Смирнов.", "Дмитриевна", "Андрей Смирнов"},
		{"В Москве полиция пришла в штаб Любови Соболь и Ивана Жданова.", "Любови", "Любовь Соболь"},
	}
	var texts []string
	for _, c := range cases {
		texts = append(texts, c.s)
	}
	texts = append(texts, "Он сравнил себя с предшественниками, его сторонник и другие шли на марше.")
	n := taggedNamer(t, texts...)
	for _, c := range cases {
		found := false
		for _, m := range n.Mentions(c.s) {
			full := strings.TrimSpace(m.First + " " + m.Surname)
			if strings.Contains(full, c.not) {
				t.Errorf("%q: %q taken for a person", c.s, full)
			}
			found = found || full == c.person
		}
		if !found {
			t.Errorf("%q: %s not found among %+v", c.s, c.person, n.Mentions(c.s))
		}
	}
}

// TestTaggedMentions reads names that no first-name list holds, two names
// in a row, and role phrases the role list lacks.
func TestTaggedMentions(t *testing.T) {
	type want struct{ first, surname, role string }
	cases := []struct {
		s    string
		want []want
	}{
		{"Венгерский дирижёр Жолт Хорняк выступил в Казани с оркестром.", []want{{"Жолт", "Хорняк", "дирижёр"}}},
		{"Предприниматель Илон Маск заявил, что компания построит завод.", []want{{"Илон", "Маск", "Предприниматель"}}},
		{"Адвокат Александра Кокорина Андрей Ромашов прокомментировал приговор суда.", []want{{"Александр", "Кокорина", "Адвокат"}, {"Андрей", "Ромашов", ""}}},
		{"Глава Республики Башкортостан Радий Хабиров подписал указ о карантине.", []want{{"Радий", "Хабиров", ""}}},
		{"Таджикский поэт Ибрагим Абдурахмонов представил новую книгу.", []want{{"Ибрагим", "Абдурахмонов", "поэт"}}},
		{"На встрече выступили Луиса Суареса, Неймара и Жерара Пике.", nil}, // checked for the split only, below
		{"Правительство Казахстана одобрило проект нового закона.", []want{}},
		// a role after the name's original in parentheses
		{"«Пока рано», сказал Скотт Хоровитц (Scott Horowitz), бывший астронавт, на встрече.", []want{{"Скотт", "Хоровитц", "бывший астронавт"}}},
		// one role that the tagger may split at a preposition
		{"По мнению полпреда президента в округе Виктора Ишаева, реформа нужна.", []want{{"Виктор", "Ишаева", "полпреда президента в округе"}}},
		{"Директор агентства по космическим полётам Билл Гарднер высказался о сроках.", []want{{"Билл", "Гарднер", "Директор агентства по космическим полётам"}}},
		// a plural after the name is other people, not his role; the role
		// the rules read before a name wins over a part the tagger marked
		{"Губернатор области Иван Петров, представители министерства и депутаты обсудили бюджет.", []want{{"Иван", "Петров", "Губернатор области"}}},
		{"Полпред президента в Южном федеральном округе Иван Петров, представители Госдумы, председатель совета Олег Сидоров приехали.",
			[]want{{"Иван", "Петров", "Полпред президента в Южном федеральном округе"}, {"Олег", "Сидоров", "председатель совета"}}},
		{"Министерство иностранных дел Японии опубликовало заявление.", []want{}},
		// a surname of the -ов/-ин shape vouches for an unlisted first name
		// the tagger left out, in lists above all; a place noun before the
		// run does not
		{"• Гарри Каспаров (Россия, 44, 2812) • Шахрияр Алекперов (Азербайджан, 21, 2709) • Ниджат Абдуллин (Россия, 30, 2650)",
			[]want{{"Гарри", "Каспаров", ""}, {"Шахрияр", "Алекперов", ""}, {"Ниджат", "Абдуллин", ""}}},
		{"Подлодка прошла в 400 км от порта города Пуэрто Мадрин.", []want{}},
		// the first half of a compound cut at a hyphen is no name
		{"В работе не участвовал митрополит Средне- и Западноевропейский Симеон.", []want{{"", "Симеон", ""}}},
		// a Latin original in parentheses counts the name's words
		{"Без обвинений содержится фотограф Ассошиэйтед Пресс Билал Хассеин (Bilal Hussein), сообщил фонд.", []want{{"Билал", "Хассеин", "фотограф Ассошиэйтед Пресс"}}},
		{"На переговоры приехал Ким Чен Ын (Kim Jong-un), сообщило агентство.", []want{{"Ким", "Ын", ""}}},
		{"Кандидат — замгенпрокурора из администрации Джорджа Буша-младшего Джеймс Коми (James B. Comey), сообщила газета.", []want{{"Джеймс", "Коми", ""}, {"Джордж", "Буша-младшего", ""}}},
	}
	var texts []string
	for _, c := range cases {
		texts = append(texts, c.s)
	}
	texts = append(texts, "новая книга и новый закон, правительство и министерство, глава и адвокат")
	n := taggedNamer(t, texts...)
	for _, c := range cases {
		ms := n.Mentions(c.s)
		if c.want == nil {
			for _, m := range ms {
				if strings.Contains(c.s[m.Start:m.End], ",") {
					t.Errorf("%q: a name runs across a comma: %q", c.s, c.s[m.Start:m.End])
				}
			}
			continue
		}
		if len(ms) != len(c.want) {
			t.Errorf("%q: %d mentions %+v, want %d", c.s, len(ms), ms, len(c.want))
			continue
		}
		for i, w := range c.want {
			m := ms[i]
			if m.First != w.first || m.Surname != w.surname {
				t.Errorf("%q: mention %d = %q %q, want %q %q", c.s, i, m.First, m.Surname, w.first, w.surname)
			}
			if w.role != "" && !strings.Contains(strings.ToLower(m.Role), strings.ToLower(w.role)) {
				t.Errorf("%q: role of %s = %q, want it to hold %q", c.s, m.Surname, m.Role, w.role)
			}
		}
	}
}

// TestNounNominative puts unlisted role nouns in the nominative only when
// the corpus attests the form.
func TestNounNominative(t *testing.T) {
	n := NewNamer(func(w string) bool {
		return map[string]bool{"футболист": true, "марафонка": true, "дирижер": true}[FoldWord(w)]
	})
	cases := map[string]string{
		"футболиста":  "футболист",
		"футболистом": "футболист",
		"марафонки":   "марафонка",
		"марафонкой":  "марафонка",
		"дирижером":   "дирижер",
		"министра":    "министр",   // the role table
		"вахтера":     "вахтера",   // unattested: left as written
		"футболист":   "футболист", // already nominative
	}
	for in, want := range cases {
		if got := n.nounNominative(in); got != want {
			t.Errorf("nounNominative(%q) = %q, want %q", in, got, want)
		}
	}
}

// BenchmarkMentions compares finding names by rules alone and with the
// tagger, per sentence of news text.
func BenchmarkMentions(b *testing.B) {
	sents := []string{
		"Венгерский дирижёр Жолт Хорняк выступил в Казани с оркестром, сообщает пресс-служба театра.",
		"По словам министра иностранных дел Казахстана Мурата Нуртлеу, стороны обсудили вопросы торговли и инвестиций.",
		"В четверг в Астане состоялось заседание совместной рабочей группы, на котором обсуждались энергетика и транспорт.",
		"Государственный секретарь США Энтони Блинкен заявил, что Вашингтон поддерживает суверенитет Казахстана.",
	}
	m, err := tagger.Default()
	if err != nil {
		b.Fatal(err)
	}
	for _, mode := range []string{"rules", "tagger"} {
		b.Run(mode, func(b *testing.B) {
			n := NewNamer(nil)
			if mode == "tagger" {
				n.Tagger = m
			}
			for i := 0; i < b.N; i++ {
				n.Mentions(sents[i%len(sents)])
			}
		})
	}
}

// TestRoleNominativeKeepsYo: a role written with ё keeps it in the
// nominative, from the role table, an adjective or an attested noun.
func TestRoleNominativeKeepsYo(t *testing.T) {
	n := NewNamer(func(w string) bool {
		return map[string]bool{"дирижер": true, "актер": true, "артист": true, "пианист": true}[FoldWord(w)]
	})
	cases := map[string]string{
		"актёра":               "актёр",
		"актёром":              "актёр",
		"актера":               "актер", // written with е: stays е
		"дирижёром":            "дирижёр",
		"учёного секретаря":    "учёный секретарь",
		"заслуженного артиста": "заслуженный артист",
		"Государственного секретаря США": "государственный секретарь США",
		"пианистом":        "пианист", // a lone noun in -ом is no adjective
		"главным тренером": "главный тренер",
	}
	for in, want := range cases {
		if got := n.RoleNominative(in); got != want {
			t.Errorf("RoleNominative(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestWellFormedRole: cut-off roles are tidied, non-roles dropped, whole
// ones left as they are.
func TestWellFormedRole(t *testing.T) {
	cases := map[string]string{
		"эксперт именно на":                      "эксперт",
		"глава ОАО «Газпром":                     "глава ОАО «Газпром»",
		"гендиректор ООО УК «Металлоинвест»":     "гендиректор ООО УК «Металлоинвест»",
		"руководитель РКК „Энергия“":             "руководитель РКК „Энергия“",
		"чемпион мира»":                          "чемпион мира",
		"министр иностранных дел и":              "министр иностранных дел",
		"Министр промышленности и строительства": "Министр промышленности и строительства",
		"Госсекретарь США":                       "Госсекретарь США",
		"РУ":                                     "",
		"МВД":                                    "",
		"на":                                     "",
		"вице-министр водных ресурсов и ирригации": "вице-министр водных ресурсов и ирригации",
	}
	for in, want := range cases {
		if got := WellFormedRole(in); got != want {
			t.Errorf("WellFormedRole(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestRolesByShape: a role no list holds is read from an agent suffix right
// before the name; nouns that end the same way but name things are not.
func TestRolesByShape(t *testing.T) {
	m, err := tagger.Default()
	if err != nil {
		t.Fatal(err)
	}
	n := NewNamer(nil)
	n.Tagger = m
	cases := map[string]string{
		"Вчера известный пианист Евгений Кисин выступил в Ереване.": "известный пианист",
		"Книгу представил политолог Андрей Колесников.":             "политолог",
		"Песню исполнил музыкант Юрий Антонов.":                     "музыкант",
		"В понедельник Евгений Кисин выступил в Ереване.":           "",
		"Вечер Евгений Кисин провёл в Ереване.":                     "",
	}
	for s, want := range cases {
		var got string
		for _, mn := range n.Mentions(s) {
			if mn.Surname != "" {
				got = mn.Role
			}
		}
		if strings.ToLower(got) != want {
			t.Errorf("%q: role %q, want %q", s, got, want)
		}
	}
}

// TestCommonWordAsFirstName: a first name that is also a common word of
// the corpus («Том», «Кит») may be one when it is capitalised inside a
// sentence, where common words are not; at the start of a sentence, after
// a colon or an opening quote it may not, nor may a capitalised pronoun,
// role noun or adjective anywhere.
func TestCommonWordAsFirstName(t *testing.T) {
	n := taggedNamer(t, "в том числе кит и роман, всё было в том же духе; её и его книги; король и римский папа; также")
	cases := []struct {
		s, word string
		first   bool
	}{
		{"Ветеран войны Том Мур собрал деньги.", "Том", true},
		{"Солист группы Кит Флинт дал концерт.", "Кит", true},
		{"Концерт дали Роман, Кит Флинт и другие.", "Кит", true},
		{"Также Иванов заявил о реформе.", "Также", false},
		{"Названы лауреаты: Том Мур и другие.", "Том", false},
		{"Приём у Её Величества прошёл вчера.", "Её", false},
		{"Пьесу о судьбе Короля Лира поставили.", "Короля", false},
		{"Об этом сообщил Римский Бенедикт.", "Римский", false},
	}
	for _, c := range cases {
		words := Words(c.s)
		at := -1
		for k, w := range words {
			if w.Text == c.word {
				at = k
			}
		}
		if got := !n.notFirstAt(c.s, words, at); got != c.first {
			t.Errorf("%q: %q may be a first name = %v, want %v", c.s, c.word, got, c.first)
		}
	}
}

// TestRoleHead joins the parts of one role phrase that the tagger split at
// a preposition, and never across a verb or a capitalised word.
func TestRoleHead(t *testing.T) {
	cases := []struct {
		s     string
		spans []tagger.Span // role spans then the person
		want  int           // the word the role starts at
	}{
		{"полпреда президента РФ в округе Виктора Ишаева", []tagger.Span{{Start: 0, End: 3}, {Start: 4, End: 5}, {Start: 5, End: 7, Person: true}}, 0},
		{"директор НАСА по космическим полётам Билл Гарднер", []tagger.Span{{Start: 0, End: 2}, {Start: 4, End: 5}, {Start: 5, End: 7, Person: true}}, 0},
		{"министр встретился с послом Иваном Петровым", []tagger.Span{{Start: 0, End: 1}, {Start: 3, End: 4}, {Start: 4, End: 6, Person: true}}, 3},
		{"министр, а также послом Иваном Петровым", []tagger.Span{{Start: 0, End: 1}, {Start: 3, End: 4}, {Start: 4, End: 6, Person: true}}, 3},
		{"министр Казахстана послом Иваном Петровым", []tagger.Span{{Start: 0, End: 1}, {Start: 2, End: 3}, {Start: 3, End: 5, Person: true}}, 2},
	}
	for _, c := range cases {
		words := Words(c.s)
		if got := roleHead(c.s, words, c.spans, len(c.spans)-2); got != c.want {
			t.Errorf("%q: role starts at word %d, want %d", c.s, got, c.want)
		}
	}
}

// TestCompleteSpan: a one-word name the tagger cut short takes the
// capitalised word beside it, unless that word opens the sentence or a
// title, ends a place («Саудовской Аравии»), is a patronymic, or is Latin.
func TestCompleteSpan(t *testing.T) {
	cases := []struct {
		s          string
		tagged     string // the one word tagged as a person
		start, end string // the span after repair
	}{
		{"Чемпионом стал гроссмейстер из Хорватии Зденко Кожул с 8,5 очками.", "Зденко", "Зденко", "Кожул"},
		{"Экономист ФАО Абдолреза Аббассиан не исключил роста цен.", "Аббассиан", "Абдолреза", "Аббассиан"},
		{"Следом в списке идёт принц Саудовской Аравии Абдулла.", "Абдулла", "Абдулла", "Абдулла"},
		{"Он автор повести «Пиры Валтасара» и других.", "Валтасара", "Валтасара", "Валтасара"},
		{"Вчера видели Льва Петровича на рынке.", "Петровича", "Петровича", "Петровича"},
		{"Глобус Ивана продали на аукционе.", "Ивана", "Ивана", "Ивана"},
		{"Об этом сказал Warren Buffet в интервью.", "Buffet", "Buffet", "Buffet"},
	}
	for _, c := range cases {
		n := taggedNamer(t, c.s)
		words := Words(c.s)
		at := -1
		for k, w := range words {
			if w.Text == c.tagged {
				at = k
			}
		}
		sp := n.completeSpan(c.s, words, tagger.Span{Start: at, End: at + 1, Person: true})
		if got := [2]string{words[sp.Start].Text, words[sp.End-1].Text}; got != [2]string{c.start, c.end} {
			t.Errorf("%q: span %v, want %s…%s", c.s, got, c.start, c.end)
		}
	}
}

// TestListPeople: in a list of lone surnames the tagger read, a
// capitalised word standing alone as an item is a surname too, whatever
// its shape; places, bodies, common words and first names are not, and a
// list needs two surnames of Russian shape to vouch for it. The tagger's
// reading is given, so that only the list is tested.
func TestListPeople(t *testing.T) {
	cases := []struct {
		s      string
		tagged []string // lone surnames the tagger read
		want   []string // lone surnames after the list is read, in order
	}{
		{"Голы: • 0:1 — 01:23 Сёмин (Овечкин, Фёдоров) • 1:1 — 03:54 Бернс (Рой, Грин) • 2:1 — 09:17 Куниц • 4:2 — 29:56 Хитли (Гецлаф), ГБ.",
			[]string{"Сёмин", "Овечкин", "Фёдоров", "Бернс", "Грин"},
			[]string{"Сёмин", "Овечкин", "Фёдоров", "Бернс", "Рой", "Грин", "Куниц", "Хитли", "Гецлаф"}},
		{"Голы: • 1:0 — 05:10 Радулов (Москва, Тютин) • 2:0 — 11:40 Марков (Минобороны), Январь, ГБ, Голы, Анна.",
			[]string{"Радулов", "Тютин", "Марков"},
			[]string{"Радулов", "Тютин", "Марков"}},
		{"Голы: • 1:0 — 05:10 Радулов (Рой, Грин) • 2:0 — 11:40 Куниц.",
			[]string{"Радулов"},
			[]string{"Радулов"}},
		{"Счёт открыл Бернс (Рой, Тютин), и только потом Радулов и Куниц.",
			[]string{"Тютин", "Радулов"},
			[]string{"Рой", "Тютин", "Радулов"}},
	}
	n := taggedNamer(t, "голы и счёт, открыл и потом")
	for _, c := range cases {
		var ms []NameMention
		for _, w := range Words(c.s) {
			if slices.Contains(c.tagged, w.Text) {
				ms = append(ms, NameMention{Start: w.Start, End: w.End, Surname: w.Text, Bare: true, Tagged: true})
			}
		}
		var got []string
		for _, m := range n.listPeople(c.s, ms) {
			got = append(got, m.Surname)
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("%q:\n got %q\nwant %q", c.s, got, c.want)
		}
	}
}
