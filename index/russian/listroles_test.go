package russian

import (
	"strings"
	"testing"
)

// TestListRoles: a plural role that opens a list of names belongs to each
// name of the list, through parentheses and «и»; a singular role belongs
// to the one name after it; a list does not run across other words.
func TestListRoles(t *testing.T) {
	cases := []struct {
		s     string
		roles map[string]string // surname → the role's nominative, "" for none
	}{
		{"Вчера выступили легендарные музыканты Юрий Царёв (проект «Метро»), Алексей Борисов и Павел Шевелёв.",
			map[string]string{"Царёв": "музыкант", "Борисов": "музыкант", "Шевелёв": "музыкант"}},
		{"Под следствие попали пять экс-президентов: Альберто Фухимори (1990—2000 годы), Алехандро Толедо (2001—2006 годы) и Алан Гарсия.",
			map[string]string{"Фухимори": "экс-президент", "Толедо": "экс-президент", "Гарсия": "экс-президент"}},
		{"На форум приехали писатели Павел Басинский, Михаил Тарковский, а также Василий Авченко.",
			map[string]string{"Басинский": "писатель", "Тарковский": "писатель", "Авченко": "писатель"}},
		{"Встречу провели министр финансов Иван Петров и Сергей Смирнов.",
			map[string]string{"Петров": "министр финансов", "Смирнов": ""}},
		{"Вопрос обсуждали при участии главы МИД Сергея Лаврова и Антони Блинкена.",
			map[string]string{"Лаврова": "глава МИД", "Блинкена": ""}},
		{"Депутаты Иван Петров и Сергей Смирнов поддержали закон, а Олег Кузнецов выступил против.",
			map[string]string{"Петров": "депутат", "Смирнов": "депутат", "Кузнецов": ""}},
	}
	var texts []string
	for _, c := range cases {
		texts = append(texts, c.s)
	}
	n := taggedNamer(t, texts...)
	for _, c := range cases {
		got := map[string]string{}
		for _, m := range n.Mentions(c.s) {
			got[m.Surname] = n.PersonRole(m.Role)
		}
		for surname, want := range c.roles {
			role, ok := got[surname]
			if !ok {
				t.Errorf("%q: %s not found among %v", c.s, surname, got)
				continue
			}
			if role != want {
				t.Errorf("%q: role of %s = %q, want %q", c.s, surname, role, want)
			}
		}
	}
}

// TestRoleWordsAreNotFunctionWords: a case form of a role noun that is far
// more often a function word is no role word («после» is посол's
// prepositional case and «after»).
func TestRoleWordsAreNotFunctionWords(t *testing.T) {
	for w, want := range map[string]bool{"после": false, "посла": true, "послом": true, "министра": true, "главы": true} {
		if got := IsRoleWord(w); got != want {
			t.Errorf("IsRoleWord(%q) = %v, want %v", w, got, want)
		}
	}
	n := taggedNamer(t, "Визит состоится после встречи Токаева с Трампом в Белом доме.")
	for _, m := range n.Mentions("Визит состоится после встречи Касым-Жомарта Токаева с Трампом в Белом доме.") {
		if strings.Contains(m.Role, "после") {
			t.Errorf("role %q for %s", m.Role, m.Surname)
		}
	}
}

// TestRolePredicate: a role given as a predicate after the name («стал
// руководителем …»), cut before when and how.
func TestRolePredicate(t *testing.T) {
	cases := []struct{ s, surname, want string }{
		{"Вчера Иван Петров стал руководителем Минэкономразвития.", "Петров", "руководитель Минэкономразвития"},
		{"Олег Сидоров был назначен главой Федеральной таможенной службы.", "Сидоров", "глава Федеральной таможенной службы"},
		{"Андрей Смирнов стал тренером Спартака с 10 июня 2015 года.", "Смирнов", "тренер Спартака"},
		{"Павел Иванов был утверждён главой ЦРУ подавляющим большинством голосов.", "Иванов", ""},
		{"Павел Кузнецов стал главой ЦРУ подавляющим большинством голосов.", "Кузнецов", "глава ЦРУ"},
		{"Илья Орлов стал известным после выборов.", "Орлов", ""},
		{"Антон Белов назначен на пост министра финансов.", "Белов", "министр финансов"},
	}
	var texts []string
	for _, c := range cases {
		texts = append(texts, c.s)
	}
	n := taggedNamer(t, texts...)
	for _, c := range cases {
		got, found := "", false
		for _, m := range n.Mentions(c.s) {
			if m.Surname == c.surname {
				got, found = n.PersonRole(m.Role), true
			}
		}
		if !found || got != c.want {
			t.Errorf("%q: role of %s = %q (found %v), want %q", c.s, c.surname, got, found, c.want)
		}
	}
}
