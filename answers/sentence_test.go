package answers_test

import (
	"context"
	"strings"
	"testing"

	"github.com/corpusbot/corpusbot/answers"
)

// TestPronounSubject: a sentence that names its subject by a pronoun
// («Ему был 81 год», «Он дважды…») answers a question that names that
// subject, ahead of the sentences that name it and say something else.
func TestPronounSubject(t *testing.T) {
	svc := serviceOf(t,
		"Умер композитор Арсений Вольский\n\n"+
			"Композитор Арсений Вольский скончался в Петербурге, сообщил Союз композиторов России.\n\n"+
			"Вольский написал музыку к сорока фильмам и трём балетам. Прощание с Вольским пройдёт в Малом зале филармонии.\n\n"+
			"Государственную премию композитор Арсений Вольский получил за музыку к фильмам семидесятых. Он получил её в 1978 году. "+
			"Премию «Ника» композитор Вольский получал за музыку к фильмам Игоря Петрова. Он получал её дважды.\n",
		"В Москве покажут фильмы с музыкой Вольского\n\n"+
			"Кинотеатр «Иллюзион» покажет пять фильмов с музыкой Арсения Вольского. Вольский сам отобрал картины для показа. "+
			"О премиях Вольский говорил, что получал их не за то, что считал лучшим. "+
			"Вольский получал и Государственную премию, и «Нику», напомнили в кинотеатре.\n",
		"Премия «Ника» объявила номинантов\n\n"+
			"Российская академия кинематографических искусств назвала номинантов премии «Ника». "+
			"Церемония пройдёт в апреле, сообщил президент академии.\n",
	)
	for _, tc := range []struct{ q, want string }{
		{"Когда Вольский получил Государственную премию?", "1978"},
		{"Сколько раз Вольский получал «Нику»?", "дважды"},
	} {
		firstHolds(t, svc.Answer(context.Background(), tc.q), tc.q, tc.want)
	}
}

// TestCaptionAnswersNothing: a photo caption names what the article is
// about in a few words, so it matches a question well; it answers nothing,
// and it is neither the excerpt nor the excerpt's partner.
func TestCaptionAnswersNothing(t *testing.T) {
	svc := serviceOf(t,
		"Певицу Марию Лебедеву обвинили в уклонении от налогов\n"+
			"Мария Лебедева на концерте в Казани\n"+
			"Налоговая служба предъявила певице Марии Лебедевой обвинение в уклонении от уплаты налогов. "+
			"Лебедевой грозит штраф.\n\n"+
			"В 2012 году она вышла замуж за продюсера Олега Смирнова. В 2015 году Лебедева выступила в Казани на фестивале.\n",
		"Фестиваль в Казани собрал звёзд\n"+
			"Сцена фестиваля\n"+
			"На фестиваль в Казани приехали певцы из пяти стран. Концерт открыла Мария Лебедева.\n",
		"Налоговая служба проверила артистов\n"+
			"Здание налоговой службы\n"+
			"Налоговая служба проверила доходы двенадцати артистов. Обвинения предъявлены троим.\n",
	)
	for _, tc := range []struct{ q, want string }{
		{"За кого вышла замуж Мария Лебедева в 2012 году?", "Олега Смирнова"},
		{"Кто предъявил обвинение Марии Лебедевой?", "Налоговая служба"},
	} {
		r := svc.Answer(context.Background(), tc.q)
		if !firstHolds(t, r, tc.q, tc.want) {
			continue
		}
		for _, res := range r.Results {
			for _, caption := range []string{"на концерте в Казани", "Сцена фестиваля", "Здание налоговой"} {
				if strings.Contains(res.Excerpt, caption) {
					t.Errorf("%q: a caption in the excerpt %q", tc.q, res.Excerpt)
				}
			}
		}
	}
}

// firstHolds reports whether r's first excerpt holds want, and says what it
// holds when it does not.
func firstHolds(t *testing.T, r answers.Reply, q, want string) bool {
	t.Helper()
	if len(r.Results) > 0 && strings.Contains(r.Results[0].Excerpt, want) {
		return true
	}
	got := "no results"
	if len(r.Results) > 0 {
		got = r.Results[0].Excerpt
	}
	t.Errorf("%q: want %q in the first excerpt, got %q", q, want, got)
	return false
}
