package russian

import "testing"

func TestLooksLikeVerb(t *testing.T) {
	verbs := []string{
		"сказал", "прибыла", "обсудили", "встретился", "приезжал", "посетил", "поблагодарил",
		"договорились", "согласилась", "началось", "хвалил", "выделили", "отправился",
		"работает", "уважают", "существует", "поддерживают", "считается", "находится",
		"называются", "посетить", "подписать", "встретиться", "развивать", "иметь",
		"Выиграл", // lower-case after the first letter: a sentence's first word is not read here
	}
	for _, w := range verbs {
		want := w != "Выиграл"
		if got := LooksLikeVerb(w); got != want {
			t.Errorf("LooksLikeVerb(%q) = %v, want %v", w, got, want)
		}
	}
	nouns := []string{
		"визит", "совет", "бюджет", "институт", "власти", "части", "новость", "область",
		"кредит", "маршрут", "санкций", "переговоры", "соглашение", "президента", "Блинкен",
		"Токаев", "Астана", "министр", "компаний", "коронавирусом", "стоимость", "жизни",
		"США", "2024", "сеть", "дел", "Маршал",
	}
	for _, w := range nouns {
		if LooksLikeVerb(w) {
			t.Errorf("LooksLikeVerb(%q) = true for a noun", w)
		}
	}
	// known confusions, kept as the price of a short rule: a noun in -ал
	// and its genitive look like a past tense
	for _, w := range []string{"генерал", "канала"} {
		if !LooksLikeVerb(w) {
			t.Errorf("LooksLikeVerb(%q): the rule changed; update the comment", w)
		}
	}
}
