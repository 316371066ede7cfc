package answers

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/corpusbot/corpusbot/index"
	"github.com/corpusbot/corpusbot/index/russian"
)

// stemMatcher matches a word to the question's words by their first five
// folded letters, as the index's prefix field does.
func stemMatcher(question string) func(string) bool {
	want := map[string]bool{}
	for _, w := range readQuestion(question).content {
		want[foldPrefix(w)] = true
	}
	return func(w string) bool { return want[foldPrefix(w)] }
}

func articleOf(sentences ...string) *index.Article {
	a := &index.Article{ID: "a"}
	for _, s := range sentences {
		a.Sentences = append(a.Sentences, index.Sentence{Text: s, Quote: -1})
	}
	return a
}

// TestExcerptPartner: the sentence that matched is shown with the
// neighbour that completes it. The cases are the ways an answer sits
// beside the sentence that names the question's words.
func TestExcerptPartner(t *testing.T) {
	long := "Поэтому подрядчики из Турции и Китая представили проекты терминала для контейнеров " +
		strings.Repeat("и для зерна, нефти, угля, металла и удобрений с причалами на десять судов ", 6) + "до конца года."
	for _, tc := range []struct {
		name, question string
		sentences      []string
		hit            int
		want, not      string
	}{{
		name:     "a tie goes to the next sentence, where answers continue",
		question: "Какую систему использует новый порт Актау?",
		sentences: []string{
			"Порт строили три года.",
			"Новый порт Актау использует собственную систему управления.",
			"Система называется «Каспий-Навигатор» и следит за судами.",
		},
		hit: 1, want: "Каспий-Навигатор",
	}, {
		name:     "a person asked of a sentence that names its subject by a pronoun: the sentence before says who",
		question: "Кто стал самым старым квотербеком в финале?",
		sentences: []string{
			"Квотербек Алексей Смирнов привёл две разные команды к финалу.",
			"Он также стал самым старым квотербеком, сыгравшим в финале, в возрасте 39 лет.",
			"Прежний рекорд принадлежал Василию Петрову, которому было 38 лет.",
		},
		hit: 1, want: "Алексей Смирнов", not: "Петрову",
	}, {
		name:     "a date asked of a sentence that points back to an event: the answer still follows",
		question: "Когда были разрушены храмы города?",
		sentences: []string{
			"В 1909 году в городе жили 280 тысяч человек.",
			"Это привело к строительству сотен храмов во всех частях города.",
			"Большинство храмов были разрушены в 1944 году.",
		},
		hit: 1, want: "1944",
	}, {
		name:     "the neighbour that adds question words the sentence lacks",
		question: "Что получил университет Назарбаева в 2021 году?",
		sentences: []string{
			"Университет Назарбаева основан в Астане, университет растёт.",
			"Университет Назарбаева считается одним из ведущих в стране.",
			"В 2021 году он получил аккредитацию европейского агентства.",
		},
		hit: 1, want: "аккредитацию", not: "основан",
	}, {
		name:     "the sentence before when the sentence opens with an anaphor and no neighbour matches",
		question: "Какой договор подписали стороны?",
		sentences: []string{
			"Министры встретились в Ташкенте.",
			"Об этом договоре стороны говорили полгода.",
			"Вечером делегация улетела.",
		},
		hit: 1, want: "Ташкенте",
	}, {
		name:     "a next neighbour too long to fit is cut, its start kept",
		question: "Какой терминал предложили подрядчики для порта Курык?",
		sentences: []string{
			"Власти объявили конкурс на строительство в порту Курык, и его условия обсуждали весь месяц.",
			long,
		},
		hit: 0, want: "Турции и Китая",
	}, {
		name:     "a previous neighbour too long to fit is cut, its end kept",
		question: "Сколько причалов построят в порту Курык?",
		sentences: []string{
			long,
			"Власти порта Курык обещают, что первые причалы построят за два года.",
		},
		hit: 1, want: "до конца года", not: "Поэтому подрядчики",
	}} {
		t.Run(tc.name, func(t *testing.T) {
			s := &Service{dates: russian.NewDateFinder()}
			a := articleOf(tc.sentences...)
			text, spans, _ := s.excerpt(a, tc.hit, readQuestion(tc.question), stemMatcher(tc.question))
			if !strings.Contains(text, tc.want) || tc.not != "" && strings.Contains(text, tc.not) {
				t.Errorf("excerpt %q: want %q, not %q", text, tc.want, tc.not)
			}
			if !strings.Contains(text, tc.sentences[tc.hit]) {
				t.Errorf("excerpt %q lost the sentence that matched", text)
			}
			if n := utf8.RuneCountInString(text); n > maxExcerpt {
				t.Errorf("excerpt of %d runes, over %d", n, maxExcerpt)
			}
			var joined strings.Builder
			for _, sp := range spans {
				joined.WriteString(sp.Text)
			}
			if joined.String() != text {
				t.Errorf("spans %q differ from the excerpt %q", joined.String(), text)
			}
		})
	}
}

func TestCountedNoun(t *testing.T) {
	for _, tc := range []struct{ q, want string }{
		{"Сколько американских компаний работает в Казахстане?", "компаний"},
		{"Сколько вынужденных потерь мяча имел Дэвис?", "потерь"},
		{"Сколько стран находится в бассейне Амазонки?", "стран"},
		{"Сколько примерно предметов в коллекции музея?", "предметов"},
		{"Какое количество людей вышло на митинг?", "людей"},
		{"Сколько лет должно быть кандидату?", "лет"},
		{"Сколько стоит нефть?", ""},             // a verb: the price, not a count of a noun
		{"Сколько Блинкен провёл в Астане?", ""}, // a name
		{"Когда Токаев посетит Москву?", ""},
		{"Сколько?", ""},
	} {
		if got := readQuestion(tc.q).counted; got != tc.want {
			t.Errorf("%q: counted %q, want %q", tc.q, got, tc.want)
		}
	}
}

func TestCountsNoun(t *testing.T) {
	for _, tc := range []struct {
		text, counted string
		want          bool
	}{
		{"В настоящее время в стране работают более 500 компаний с участием американского капитала.", "компаний", true},
		{"Бассейн охватывает территорию девяти стран.", "стран", true},
		{"На ужин пришли 2 000 гостей.", "гостей", true},
		{"В коллекции более 14 000 предметов одежды.", "предметов", true},
		{"В городе два университета.", "университетов", true},
		{"Кандидат должен быть старше 18 лет.", "лет", true},
		{"Компании из 5 стран обсудили сотрудничество.", "компаний", false}, // the number counts the countries
		{"Страна подписала соглашение в 2015 году.", "стран", false},
		{"В стране работают американские компании.", "компаний", false},
		{"Он трижды становился лауреатом премии.", "раз", true},      // «трижды» is three times
		{"Шестикратный чемпион мира приедет в Казань.", "раз", true}, // so is «шестикратный»
		{"Он трижды становился лауреатом премии.", "премий", false},  // but counts no prizes
		{"Он не раз становился лауреатом премии.", "раз", false},
		{"72-летний Амано в последнее время болел.", "лет", true}, // «72-летний» is 72 years
		{"Его сорокалетняя дочь живёт в Вене.", "лет", true},
		{"Многолетний глава агентства ушёл в отставку.", "лет", false},
	} {
		if got := countsNoun(tc.text, tc.counted); got != tc.want {
			t.Errorf("countsNoun(%q, %q) = %v, want %v", tc.text, tc.counted, got, tc.want)
		}
	}
}

// TestHasCount: a «сколько» question is answered by a number that counts,
// not by the digits of a date, a time or a name.
func TestHasCount(t *testing.T) {
	s := New(nil, nil)
	for _, tc := range []struct {
		text string
		want bool
	}{
		{"В стране работают более 500 компаний.", true},
		{"На ужин пришли 2 000 гостей.", true},
		{"Помощь составила 6,2 млн долларов.", true},
		{"Бассейн охватывает территорию девяти стран.", true},
		{"Он принёс команде четыре перехвата.", true},
		{"Он трижды становился лауреатом премии.", true},
		{"Пятикратный олимпийский чемпион завершил карьеру.", true},
		{"Напомним, 28 февраля состоялся первый визит.", false},
		{"Встреча прошла в 2015 году.", false},
		{"Лидер посетит Москву 11-12 ноября.", false},
		{"Обновлено в 23:48.", false},
		{"Меры против пандемии COVID-19 обсудили отдельно.", false},
		{"Страны G20 соберутся в Индии.", false},
		{"Встреча в формате С5+1 прошла в Вашингтоне.", false},
		{"Ученик лицея № 21 получил награду.", false},
		{"Стороны договорились продолжить диалог.", false},
	} {
		if got := s.hasCount(tc.text); got != tc.want {
			t.Errorf("hasCount(%q) = %v, want %v", tc.text, got, tc.want)
		}
	}
}

// TestWhenAsksDate: «когда» asks for a date when it opens the question, not
// when it opens a clause after another question word.
func TestWhenAsksDate(t *testing.T) {
	for _, tc := range []struct {
		q    string
		want bool
	}{
		{"Когда Токаев посетит Москву?", true},
		{"А когда Блинкен прилетел в Астану?", true},
		{"Скажите, когда закрыли представительство?", true},
		{"В каком году прошла встреча?", true},
		{"Что происходит, когда иммунная система ослаблена?", false},
		{"Что делает Доктор Кто, когда его тело повреждено?", false},
		{"Какую помощь оказали, когда началась пандемия?", false},
	} {
		if got := readQuestion(tc.q).asks.date; got != tc.want {
			t.Errorf("%q: asks a date %v, want %v", tc.q, got, tc.want)
		}
	}
}

// TestQuestionContent: the words a question is searched by. The ending of
// «168-е» or «1950-х» is none (alone it matches every such ending in the
// corpus); the number stays, and so does a word after a hyphen that is not
// an ending. Nor is a relative pronoun in any case («на котором»).
func TestQuestionContent(t *testing.T) {
	for _, tc := range []struct {
		q          string
		want, lose []string
	}{
		{"Как еще называется 168-е шоссе?", []string{"168", "шоссе"}, []string{"е"}},
		{"Кто стал спутником в 10-й серии?", []string{"10", "серии"}, []string{"й"}},
		{"Что строили в 1950-х годах?", []string{"1950", "годах"}, []string{"х"}},
		{"Сколько лет длился 5-летний план?", []string{"5", "летний", "план"}, nil},
		{"Когда закончилась пандемия COVID-19?", []string{"COVID", "19"}, nil},
		{"Где разбился Ту-154?", []string{"Ту", "154"}, nil},
		{"Как называется место, на котором находился мавзолей?", []string{"называется", "место", "мавзолей"}, []string{"котором"}},
		{"Когда вышла статья, на которой основан график?", []string{"статья", "основан", "график"}, []string{"которой"}},
		{"Кого из министров, которого уволили, назначили снова?", []string{"министров", "уволили"}, []string{"которого"}},
	} {
		got := readQuestion(tc.q).content
		for _, w := range tc.want {
			if !slices.Contains(got, w) {
				t.Errorf("%q: content %q lacks %q", tc.q, got, w)
			}
		}
		for _, w := range tc.lose {
			if slices.Contains(got, w) {
				t.Errorf("%q: content %q holds %q", tc.q, got, w)
			}
		}
	}
}

// TestWhoIsQuestion: «Кто такой X?» and its kin name the person asked about.
func TestWhoIsQuestion(t *testing.T) {
	for _, tc := range []struct{ q, want string }{
		{"Кто такой Мухтар Тлеуберди?", "Мухтар Тлеуберди"},
		{"А кто такая Сара Сандерс", "Сара Сандерс"},
		{"кто такой Песков?", "Песков"},
		{"Кто это — Тлеуберди?", "Тлеуберди"},
		{"Кем является Кулубаев?", "Кулубаев"},
		{"Кем был Дж. Керри?", "Дж. Керри"},
		{"Кто такие санкции?", ""},
		{"Кто такой?", ""},
		{"Кто такой Песков и что он сказал?", ""},
		{"Кто принимал Блинкена?", ""},
	} {
		if got := readQuestion(tc.q).about; got != tc.want {
			t.Errorf("%q: about %q, want %q", tc.q, got, tc.want)
		}
	}
}

// TestBeginsLike: the cheap test before the index's matcher: a word begins
// like a name's head in any case, with ё or е, in Latin look-alikes.
func TestBeginsLike(t *testing.T) {
	for _, tc := range []struct {
		word, name string
		want       bool
	}{
		{"Национальный", "Национальный", true},
		{"национальный", "Национальный", true},
		{"НАЦИОНАЛЬНЫЙ", "Национальный", true},
		{"Нацбанк", "Национальный", false},
		{"Пётр", "Петра", true},
		{"Петр", "Пётр", true},
		{"Сандерс", "Сары", false},
		{"Ту", "Тула", false},
		{"Cолнце", "Солнце", true}, // Latin C
	} {
		if got := beginsLike(tc.word, foldHead(tc.name)); got != tc.want {
			t.Errorf("beginsLike(%q, head of %q) = %v, want %v", tc.word, tc.name, got, tc.want)
		}
	}
}

// TestIsCaption: a line of its own of a few words that does not end as a
// sentence does is a caption, a credit or a heading; a sentence is not,
// whatever its length, nor is the last sentence of a longer paragraph.
func TestIsCaption(t *testing.T) {
	a := &index.Article{Sentences: []index.Sentence{
		{Text: "Ар Келли, 2007 год", Para: 0},
		{Text: "Фото: Reuters", Para: 1},
		{Text: "Келли 52 года.", Para: 2},
		{Text: "Он трижды становился лауреатом премии Grammy", Para: 3},
		{Text: "Об этом он рассказал в интервью.", Para: 3},
		{Text: "Губернатор Алтайского края Виктор Томенко приветствовал собравшихся:", Para: 4},
		{Text: "«Это большой праздник для всего края»", Para: 5},
		{Text: "Съёмки фильма о докторе Лизе стартовали в четверг в Москве и продлятся до конца лета в трёх городах", Para: 6},
		{Text: "Что будет дальше?", Para: 7},
		{Text: "Граффити с георгиевской лентой и свастикой", Para: 8},
	}}
	want := []bool{true, true, false, false, false, false, false, false, false, true}
	for si, w := range want {
		if got := isCaption(a, si); got != w {
			t.Errorf("isCaption(%q) = %v, want %v", a.Sentences[si].Text, got, w)
		}
	}
}
