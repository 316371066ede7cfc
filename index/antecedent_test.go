package index

import "testing"

// TestPassageText: a sentence that names its subject by a third-person
// pronoun near its start is indexed with the names of the sentence before;
// any other sentence is indexed as it is.
func TestPassageText(t *testing.T) {
	for _, tc := range []struct {
		before, s, want string
	}{
		// the pronoun in any case, at the start or a few words in
		{"Несколько источников сообщают, что Малашенко покончил с собой.", "Ему было 64 года.",
			"Ему было 64 года. Малашенко"},
		{"Певцу Ар Келли предъявлены обвинения.", "В 1994 году он женился на певице Aaliyah.",
			"В 1994 году он женился на певице Aaliyah. Ар Келли"},
		{"Премьер-министр Японии Синдзо Абэ прибыл в Вашингтон.", "Его встретил Дональд Трамп.",
			"Его встретил Дональд Трамп. Японии Синдзо Абэ Вашингтон"},
		{"Кисин выступил в Ереване.", "По её словам, концерт пройдёт в октябре.",
			"По её словам, концерт пройдёт в октябре. Ереване"},
		// a capitalised opening is a name only when the article writes it capitalised inside a sentence
		{"Келли 52 года.", "Он трижды становился лауреатом премии Grammy.",
			"Он трижды становился лауреатом премии Grammy. Келли"},
		{"Осенью Малашенко развёлся.", "Он женился снова.", "Он женился снова. Малашенко"},
		// a name the sentence has already is not added again
		{"Блинкен прибыл в Астану.", "Там его встретил Тлеуберди, сказал Блинкен.",
			"Там его встретил Тлеуберди, сказал Блинкен. Астану"},
		// no pronoun, or one too far from the start to be the subject
		{"Токаев прибыл в Москву.", "Визит продлится два дня.", "Визит продлится два дня."},
		{"Токаев прибыл в Москву.", "Переговоры с президентом России пройдут в Кремле, сообщили его помощники.",
			"Переговоры с президентом России пройдут в Кремле, сообщили его помощники."},
		// «Онлайн», «Он-лайн» and «Ними» inside a longer word are no pronouns; «ЕЁ» in capitals is one
		{"Токаев прибыл в Москву.", "Онлайн-трансляция начнётся в полдень.", "Онлайн-трансляция начнётся в полдень."},
		{"Токаев прибыл в Москву.", "Он-лайн трансляция начнётся в полдень.", "Он-лайн трансляция начнётся в полдень."},
		{"Токаев прибыл в Москву.", "ЕЁ ВСТРЕТИЛИ В АЭРОПОРТУ.", "ЕЁ ВСТРЕТИЛИ В АЭРОПОРТУ. Москву"},
		{"Токаев прибыл в Москву.", "«Он приехал вовремя», — сказали в Кремле.", "«Он приехал вовремя», — сказали в Кремле. Москву"},
		// «им.» abbreviates «имени»
		{"Токаев прибыл в Москву.", "В МГУ им. Ломоносова прошла встреча.", "В МГУ им. Ломоносова прошла встреча."},
		// nothing capitalised before
		{"вот что было дальше.", "Они ушли.", "Они ушли."},
	} {
		a := &Article{ID: "a", Sentences: []Sentence{
			{Text: tc.before, Quote: -1}, {Text: tc.s, Quote: -1},
			{Text: "Об этом сообщил Келли и Малашенко в интервью.", Quote: -1},
		}}
		caps := func() map[string]bool { return capitalisedWithin(a) }
		if got := passageText(a, 1, caps); got != tc.want {
			t.Errorf("after %q:\n got %q\nwant %q", tc.before, got, tc.want)
		}
		if got := passageText(a, 0, caps); got != tc.before {
			t.Errorf("first sentence %q indexed as %q", tc.before, got)
		}
	}
}
