package russian

import "testing"

func TestIsFunctionWord(t *testing.T) {
	for _, w := range []string{"среди", "Среди", "СРЕДИ", "против", "также", "Также", "путём", "путем", "насчёт", "благодаря", "согласно", "вопреки"} {
		if !IsFunctionWord(w) {
			t.Errorf("IsFunctionWord(%q) = false", w)
		}
	}
	// content words, question words and words Snowball's stop list already drops
	for _, w := range []string{"инвесторов", "санкций", "Казахстан", "США", "средний", "среда", "около5", "благо", "когда", "и", ""} {
		if IsFunctionWord(w) {
			t.Errorf("IsFunctionWord(%q) = true", w)
		}
	}
}
