package answers_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"testing/fstest"
)

// TestRepeatedExcerptListsEverySource: three agencies carry the same
// sentence; the reply shows it once, counts it once, and names all three.
func TestRepeatedExcerptListsEverySource(t *testing.T) {
	same := "Правительство утвердило программу строительства опреснительного завода в Актау."
	fs := fstest.MapFS{
		"catalog.tsv": {Data: []byte("file\tpublished\tsource\na.txt\t2024-03-01\tТАСС\nb.txt\t2024-03-02\tКазТАГ\nc.txt\t2024-03-03\tИнтерфакс\n")},
		"a.txt":       {Data: []byte("Завод в Актау\n\n" + same + " Работы начнутся весной.")},
		"b.txt":       {Data: []byte("Опреснение воды\n\n" + same + " Стоимость пока не названа.")},
		"c.txt":       {Data: []byte("Каспийская вода\n\n" + same + " Проект обсуждали несколько лет.")},
		"d.txt":       {Data: []byte("Другая тема\n\nФутбольный клуб из Караганды выиграл кубок страны.")},
	}
	r := serviceOfFS(t, fs).Answer(context.Background(), "Какую программу утвердило правительство для опреснительного завода в Актау?")
	if len(r.Results) != 1 {
		t.Fatalf("%d results, want the repeated excerpt once: %+v", len(r.Results), r.Results)
	}
	text := r.Text()
	if !strings.Contains(text, "Нашёл 1 фрагмент") {
		t.Errorf("heading miscounts:\n%s", text)
	}
	for _, src := range []string{"ТАСС", "КазТАГ", "Интерфакс"} {
		if !strings.Contains(text, src) {
			t.Errorf("source %s lost:\n%s", src, text)
		}
	}
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	var out struct {
		Results []struct {
			Doc  string `json:"doc"`
			Also []struct {
				Doc    string `json:"doc"`
				Source string `json:"source"`
			} `json:"also"`
		} `json:"results"`
	}
	if err := json.Unmarshal(b, &out); err != nil || len(out.Results) != 1 || len(out.Results[0].Also) != 2 {
		t.Errorf("JSON lacks the other sources: %s", b)
	}
}
