package answers_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/corpusbot/corpusbot/answers"
)

type whoRow struct {
	ID     string   `json:"id"`
	Q      string   `json:"q"`
	Name   []string `json:"name"`
	Role   []string `json:"role"`
	Docs   []string `json:"docs"`
	Quotes []string `json:"quotes"`
}

// TestPublicWho: every row of the public /who sample passes.
func TestPublicWho(t *testing.T) {
	svc := newSeedService(t)
	b, err := os.ReadFile("../testdata/who.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		var row whoRow
		if err := json.Unmarshal([]byte(line), &row); err != nil {
			t.Fatal(err)
		}
		r := svc.Answer(context.Background(), "/who "+row.Q)
		if r.Kind != "who" {
			t.Errorf("%s: kind %q", row.ID, r.Kind)
		}
		if len(row.Name) == 0 {
			if r.Person != nil {
				t.Errorf("%s: /who %s found %q, want nobody", row.ID, row.Q, r.Person.Name)
			}
			continue
		}
		p := r.Person
		if p == nil {
			t.Errorf("%s: /who %s found nobody:\n%s", row.ID, row.Q, r.Text())
			continue
		}
		if !containsAny([]string{p.Name}, row.Name, true) {
			t.Errorf("%s: name %q, want one of %v", row.ID, p.Name, row.Name)
		}
		if !containsAny([]string{strings.ToLower(p.Role)}, row.Role, false) {
			t.Errorf("%s: role %q lacks %v", row.ID, p.Role, row.Role)
		}
		if strings.Join(p.Docs, ",") != strings.Join(row.Docs, ",") {
			t.Errorf("%s: docs %v, want %v", row.ID, p.Docs, row.Docs)
		}
		var said []string
		for _, q := range p.Quotes {
			said = append(said, q.Text)
		}
		for _, q := range row.Quotes {
			if !containsAny(said, []string{q}, false) {
				t.Errorf("%s: quotes %q lack %q", row.ID, said, q)
			}
		}
	}
}

func containsAny(have, want []string, exact bool) bool {
	for _, h := range have {
		for _, w := range want {
			if exact && h == w || !exact && strings.Contains(norm(h), norm(w)) {
				return true
			}
		}
	}
	return false
}

// TestWhoForms: any case form, capitalisation, ё/е, a typo, initials or a
// full name reach the same person; places and organisations reach nobody.
func TestWhoForms(t *testing.T) {
	svc := newSeedService(t)
	tests := []struct{ q, want string }{
		{"Блинкен", "Энтони Блинкен"},
		{"Блинкена", "Энтони Блинкен"},
		{"Блинкеном", "Энтони Блинкен"},
		{"Блинкену", "Энтони Блинкен"},
		{"блинкен", "Энтони Блинкен"},
		{"БЛИНКЕН", "Энтони Блинкен"},
		{"Блинкин", "Энтони Блинкен"}, // one typo
		{"Энтони Блинкен", "Энтони Блинкен"},
		{"Э. Блинкен", "Энтони Блинкен"},
		{"Токаевым", "Касым-Жомарт Токаев"},
		{"Касым-Жомарт Токаев", "Касым-Жомарт Токаев"},
		{"Тлеуберди", "Мухтар Тлеуберди"}, // does not inflect
		{"Мухтара Тлеуберди", "Мухтар Тлеуберди"},
		{"Сандерс", "Сара Сандерс"},      // "Сары Сандерс" in the text
		{"Кулубаев", "Жээнбек Кулубаев"}, // "Жээнбека Кулубаева" in the text
		{"Кулубаева", "Жээнбек Кулубаев"},
		{"Саидов", "Бахтиёр Саидов"}, // ё in the first name
		{"Песковым", "Дмитрий Песков"},
		{"Керри", "Дж. Керри"},
		{"Байден", "Дж. Байден"},    // "Дж. Байдена" in the text
		{"Трампа", "Дональд Трамп"}, // "президента Трампа" is no nominative context
	}
	for _, tt := range tests {
		r := svc.Answer(context.Background(), "/who "+tt.q)
		if r.Person == nil || r.Person.Name != tt.want {
			got := "nobody"
			if r.Person != nil {
				got = r.Person.Name
			}
			t.Errorf("/who %s: got %s, want %s\n%s", tt.q, got, tt.want, r.Text())
		}
	}
	for _, q := range []string{"Казахстан", "США", "Москва", "Астана", "МИД", "Белый дом", "Центральная Азия", "Иванов", "Вашингтон"} {
		if r := svc.Answer(context.Background(), "/who "+q); r.Person != nil {
			t.Errorf("/who %s: a place or organisation taken for %s", q, r.Person.Name)
		}
	}
}

func TestWhoCardAndList(t *testing.T) {
	svc := newSeedService(t)
	r := svc.Answer(context.Background(), "/who Песков")
	text := r.Text()
	for _, want := range []string{"Дмитрий Песков", "пресс-секретарь президента России", "Цитаты:", "привилегированный партнер", "10 ноября 2025"} {
		if !strings.Contains(text, want) {
			t.Errorf("card lacks %q:\n%s", want, text)
		}
	}
	r = svc.Answer(context.Background(), "/who")
	if r.Person != nil || len(r.Choices) == 0 || !strings.Contains(r.Text(), "Энтони Блинкен") {
		t.Errorf("/who alone: %s", r.Text())
	}
	// the free-text answer names the speaker the way /who does
	r = svc.Answer(context.Background(), "Что Блинкен сказал о последствиях санкций для Казахстана?")
	if len(r.Results) == 0 || r.Results[0].Quote == nil || r.Results[0].Quote.Speaker != "Энтони Блинкен" {
		t.Errorf("quote speaker: %+v", r.Results)
	}
	r = svc.Answer(context.Background(), "Что США поддерживают в плане политических реформ Токаева?")
	if len(r.Results) == 0 || r.Results[0].Quote == nil || r.Results[0].Quote.Speaker != "Энтони Блинкен" {
		t.Errorf("role back-reference «Госсекретарь США подчеркнул» not resolved: %+v", r.Results)
	}
}

// TestSurnameOnlyCard: a person the corpus names by surname alone, with a
// role, gets a card that says the first name is not given.
func TestSurnameOnlyCard(t *testing.T) {
	r := serviceOf(t,
		"Встреча в Кремле\nПрезидент Колчаков провёл встречу с губернаторами. Колчаков заявил о реформах.").Answer(context.Background(), "/who Колчакова")
	if r.Person == nil || r.Person.Name != "Колчаков" || !strings.Contains(r.Text(), "имя в корпусе не названо") {
		t.Fatalf("surname-only card:\n%s", r.Text())
	}
}

// TestLoneSurnamesNamedOnce: a sports report names players by surname
// once each; the tagger's reading makes them people (a card that says the
// first name is not given), also when the surname has no Russian shape
// but stands among other lone surnames; a place said with a preposition
// elsewhere, and a country, stay out.
func TestLoneSurnamesNamedOnce(t *testing.T) {
	svc := serviceOf(t,
		"Хоккей: сборная России обыграла финнов\n\nСборная России обыграла команду Финляндии со счётом 4:2. "+
			"Шайбы забросили Радулов, Тютин и Марков. Ворота сборной защищал Прошкин, отразивший 31 бросок.",
		"Рыбаки на Сахалине\n\nНа Сахалине открылась путина. Губернатор рассказал о квотах. Сахалин ждёт рекордного улова.",
		"Вашингтон обыграл Анахайм\n\nГолы: • 1:0 — 03:54 Бернс (Овечкин, Федоров) • 1:1 — 09:17 Селянов • 2:1 — 14:51 Грин (Семин, Хитли), ГБ.")
	for _, name := range []string{"Радулов", "Тютин", "Марков", "Прошкин", "Бернс", "Грин", "Хитли"} {
		r := svc.Answer(context.Background(), "/who "+name)
		if r.Person == nil || r.Person.Name != name || !strings.Contains(r.Text(), "имя в корпусе не названо") {
			t.Errorf("/who %s:\n%s", name, r.Text())
		}
	}
	for _, place := range []string{"Сахалин", "Финляндии", "России"} {
		if r := svc.Answer(context.Background(), "/who "+place); r.Person != nil {
			t.Errorf("/who %s: a place answered as a person %q", place, r.Person.Name)
		}
	}
}

// TestWhoNames: each case is a small corpus written for one mechanism of
// reading names, and the /who answers it must give ("" for nobody).
func TestWhoNames(t *testing.T) {
	for _, tc := range []struct {
		name string
		text string
		want map[string]string
	}{{
		// an unlisted man's first name ending in a consonant is in the
		// nominative, so the surname in -а beside it is kept whole; a Chinese
		// surname before a declined given name is no such first name
		name: "surname in -а by a nominative first name",
		text: "Переговоры в Бамако\n\nНакануне Шейк Диарра встретился с послами. " +
			"В Варшаве фильм представил Анджей Хыра, а затем и другие. " +
			"В докладе вспоминали реформы Дэн Сяопина и их итоги.",
		want: map[string]string{"Диарра": "Шейк Диарра", "Хыра": "Анджей Хыра", "Сяопин": "Дэн Сяопин"},
	}, {
		// «Бин», «Ван» alone are surnames, not the particles of «бин Салман»,
		// «ван Бетховен»; a surname in -ь keeps it whatever the case
		name: "surnames that look like particles",
		text: "Умер бывший банкир\n\nВан Цзюнь, бывший председатель корпорации, скончался в Пекине. " +
			"Его брат, Ван Бин, генерал флота, умер раньше. Внучка Ван Цзюня училась в Швейцарии. " +
			"Семья Ван Цзюнем гордилась.",
		want: map[string]string{"Бин": "Ван Бин", "Цзюнь": "Ван Цзюнь", "Цзюня": "Ван Цзюнь", "Ван Бин": "Ван Бин"},
	}, {
		// «Турова» is both Ирина Турова and the genitive of Максим Туров;
		// asked as written, it is the one whose surname it is
		name: "surname as written",
		text: "Шахматы\n\nОт России играли Ирина Турова и Наталья Погонина. Гроссмейстер Максим Туров сыграл вничью. " +
			"Победу Максима Турова отметили в клубе.",
		want: map[string]string{"Турова": "Ирина Турова", "Туров": "Максим Туров", "Турову": ""},
	}, {
		// a name's Latin original in parentheses is the same person, and may
		// be asked for
		name: "Latin original",
		text: "Луна\n\n«Пока рано», сказал Скотт Хоровитц (Scott Horowitz), бывший астронавт, на встрече. " +
			"Хоровитц добавил, что база появится не скоро.",
		want: map[string]string{"Хоровитц": "Скотт Хоровитц", "Horowitz": "Скотт Хоровитц"},
	}, {
		// an unlisted first name is taken from where the name stands in the
		// nominative, not from an oblique case beside a surname that does
		// not decline; the name of a land or a club before a person is not
		// the person's first name
		name: "first name from the nominative, names of bodies before",
		text: "Поезда\n\nПо словам премьер-министра земли Гессен Фолькера Буфье, это первый такой случай. " +
			"Премьер-министр земли Гессен Фолькер Буфье напомнил о сроках. " +
			"В фильме снялся капитан клуба Тоттенхэм Хотспур Ледли Кинг и другие игроки.",
		want: map[string]string{"Буфье": "Фолькер Буфье", "Кинг": "Ледли Кинг"},
	}, {
		// beside a first name that does not decline, a masculine past verb
		// after a name that opens a clause makes it the subject, in the
		// nominative; after a noun the name may be its complement, oblique
		name: "subject by a masculine verb",
		text: "Гран-при\n\nКвалификация не удалась, поскольку Фелипе Масса также был вынужден стартовать последним. " +
			"Друг Фелипе Сантуша рассказал, что апелляции не будет.",
		want: map[string]string{"Масса": "Фелипе Масса", "Сантуш": "Фелипе Сантуш"},
	}, {
		// each part of a double surname finds its bearer; one who bears the
		// part as the whole surname wins when asked for it as written
		name: "double surnames",
		text: "Выборы\n\nИтоги: 6. Гиорги Маисашвили — 0,74 % голосов, 7. Ирина Саишвили-Чантурия — 0,19 % голосов. " +
			"Министр Олег Чантурия выступил с речью.",
		want: map[string]string{"Саишвили": "Ирина Саишвили-Чантурия", "Саишвили-Чантурия": "Ирина Саишвили-Чантурия",
			"Чантурия": "Олег Чантурия", "Ирина Чантурия": "Ирина Саишвили-Чантурия"},
	}, {
		// names joined in one list share their case: one surely nominative
		// makes the others nominative, and a first name that is also a
		// man's genitive («Марина») a woman's
		name: "a list shares its case",
		text: "Президенты\n\nПод следствием оказались три бывших президента: Алан Гарсия (1985—1990 годы), Ольянта Рамала " +
			"(2011—2016 годы) и Педро Пабло Кучински (2016—2018 годы). На свадьбе были Марина Миронова и Оксана Тимофеева.",
		want: map[string]string{"Рамала": "Ольянта Рамала", "Миронова": "Марина Миронова", "Гарсия": "Алан Гарсия"},
	}, {
		// a lower-case particle is part of the surname also beside a first
		// name no list holds, and a first name in -я after a consonant is
		// soft in the nominative (Шарля → Шарль); the person a body is named
		// after takes no role from the phrase before «имени», and the person
		// after that name is one of their own
		name: "particles, eponyms and soft first names",
		text: "Раскопки\n\nО находке рассказал профессор кафедры археологии МГУ имени М. В. Ломоносова Иван Петров. " +
			"Вспоминали и Шарля де Голля, и Алессандро дель Пьеро.",
		want: map[string]string{"Голль": "Шарль де Голль", "Пьеро": "Алессандро дель Пьеро", "Ломоносов": "М. В. Ломоносов",
			"Петров": "Иван Петров"},
	}, {
		// a first name and patronymic name someone the text names in full
		// elsewhere, or nobody: no person of their own; a surname of that
		// shape said alone, with a role or in a list of full names is one
		name: "patronymics are no surnames",
		text: "Интервью\n\n«Геннадий Андреевич, как вы оцениваете итоги?» — спросил ведущий. Защитник Бранислав Иванович забил гол. " +
			"Приговоры получили Илья Васильевич, Федор Мирзоянов и Владимир Яроменко. Роман Абрамович купил клуб. Абрамович доволен.",
		want: map[string]string{"Андреевич": "", "Иванович": "Бранислав Иванович", "Васильевич": "Илья Васильевич",
			"Абрамович": "Роман Абрамович"},
	}, {
		// after «имени» an adjective-shaped surname said once is a person
		name: "named after",
		text: "Концерт\n\nВыступили солисты Музыкального театра имени Станиславского. Гостей принял институт имени Склифосовского.",
		want: map[string]string{"Станиславский": "Станиславский", "Склифосовского": "Склифосовский"},
	}, {
		// a surname of the -ов shape vouches for a first name no list holds,
		// in a list the tagger may read only in part
		name: "unlisted first names in a list",
		text: "Турнир\n\nСостав: • Гарри Каспаров (Россия, 44, 2812) • Шахрияр Алекперов (Азербайджан, 21, 2709) " +
			"• Ниджат Абдуллин (Россия, 30, 2650) • Майкл Адамс (Великобритания, 34, 2707).",
		want: map[string]string{"Алекперов": "Шахрияр Алекперов", "Абдуллин": "Ниджат Абдуллин", "Адамс": "Майкл Адамс"},
	}} {
		t.Run(tc.name, func(t *testing.T) {
			wantWho(t, serviceOf(t, tc.text), tc.want)
		})
	}
}

// TestNamedInFullInTheHeadline: the headline names a person in full with
// a role, the text by surname alone; the card has the full name and role.
func TestNamedInFullInTheHeadline(t *testing.T) {
	svc := serviceOf(t,
		"В интервью газете «Труд» академик Роальд Зиннурович Сагдеев назвал добычу гелия на Луне мифом\n\n"+
			"Академик Сагдеев сказал, что реакторов на гелии ещё нет. По словам Сагдеева, это дело следующего века.",
		"Погода\n\nВ Москве похолодало, сообщил синоптик Петров.")
	wantWho(t, svc, map[string]string{"Сагдеев": "Роальд Сагдеев"})
	if r := svc.Answer(context.Background(), "/who Сагдеев"); r.Person == nil || !strings.Contains(r.Person.Role, "академик") {
		t.Errorf("the headline's role is lost:\n%s", r.Text())
	}
}

// wantWho checks that «/who q» names want ("" for nobody) for each pair.
func wantWho(t *testing.T, svc *answers.Service, cases map[string]string) {
	t.Helper()
	for q, want := range cases {
		r := svc.Answer(context.Background(), "/who "+q)
		got := ""
		if r.Person != nil {
			got = r.Person.Name
		}
		if got != want {
			t.Errorf("/who %s: got %q, want %q\n%s", q, got, want, r.Text())
		}
	}
}

// TestWhoCardCapsMentions: a person named in more sentences than a reply
// should carry gets the newest 1,000 in JSON, with the total counted.
func TestWhoCardCapsMentions(t *testing.T) {
	var b strings.Builder
	b.WriteString("Хроника\n")
	for i := range 1100 {
		fmt.Fprintf(&b, "Министр Ерлан Жумабаев провёл встречу номер %d.\n", i)
	}
	r := serviceOf(t, b.String()).Answer(context.Background(), "/who Жумабаев")
	if r.Person == nil {
		t.Fatalf("nobody found:\n%s", r.Text())
	}
	if len(r.Person.Mentions) != 1000 || r.Person.MentionsTotal != 1100 || !strings.Contains(r.Text(), "…и ещё 1090") {
		t.Fatalf("card: %d mentions of %d", len(r.Person.Mentions), r.Person.MentionsTotal)
	}
}

// TestEponymRole: the role phrase before «имени» belongs to the person
// after the eponym, not to the one the body is named after.
func TestEponymRole(t *testing.T) {
	svc := serviceOf(t, "Раскопки\n\nО находке рассказал профессор кафедры археологии МГУ имени М. В. Ломоносова Иван Петров.")
	if r := svc.Answer(context.Background(), "/who Ломоносов"); r.Person == nil || r.Person.Role != "" {
		t.Errorf("/who Ломоносов:\n%s", r.Text())
	}
	if r := svc.Answer(context.Background(), "/who Петров"); r.Person == nil || !strings.HasPrefix(r.Person.Role, "профессор кафедры археологии") {
		t.Errorf("/who Петров:\n%s", r.Text())
	}
}
