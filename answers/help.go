package answers

import (
	"fmt"
	"strings"

	"github.com/corpusbot/corpusbot/index/russian"
)

// help lists what the bot does, with examples drawn from the corpus itself
// (its newest headline, its most mentioned person), so they fit any corpus.
func (s *Service) help(lead string) Reply {
	c := s.lib.Corpus()
	var first, last russian.Date
	newest := ""
	for _, a := range c.Articles {
		if a.Published.Year == 0 {
			continue
		}
		if first.IsZero() || a.Published.Compare(first) < 0 {
			first = a.Published
		}
		if last.IsZero() || a.Published.Compare(last) > 0 {
			last = a.Published
			newest = a.Title
		}
	}
	span := ""
	if first.Year != 0 {
		span = fmt.Sprintf(", %d–%d", first.Year, last.Year)
		if first.Year == last.Year {
			span = fmt.Sprintf(", %d", first.Year)
		}
	}
	r := Reply{Kind: KindHelp}
	if lead != "" {
		r.Blocks = append(r.Blocks, Block{{Text: lead}})
	}
	r.Blocks = append(r.Blocks, Block{
		{Text: "Я отвечаю на вопросы по корпусу новостей", Style: Bold},
		{Text: fmt.Sprintf(" (%s%s). Каждый ответ — цитата из статьи с датой и источником; чего в статьях нет, того не выдумываю.",
			russian.Plural(len(c.Articles), "статья", "статьи", "статей"), span)},
	})
	var ex []string
	if newest != "" {
		ex = append(ex, "• "+russian.Truncate(newest, 120))
	}
	top := ""
	if p := s.lib.People(); p != nil {
		if list := p.Top(1); len(list) > 0 {
			top = list[0].Surname()
		}
	}
	if top == "" {
		top = "Фамилия"
	}
	r.Blocks = append(r.Blocks, Block{{Text: "Просто напишите вопрос своими словами, например:\n" + strings.Join(append(ex, "• Что сказал "+top+"?"), "\n")}})
	r.Blocks = append(r.Blocks, Block{
		{Text: "Команды:\n"},
		{Text: "/who " + top, Style: Bold}, {Text: " — кто это: должность, упоминания, цитаты\n"},
		{Text: "/who", Style: Bold}, {Text: " — о ком пишут чаще всего\n"},
		{Text: "/timeline", Style: Bold}, {Text: " — хронология событий; "},
		{Text: "/timeline " + top, Style: Bold}, {Text: " — только с его участием; "},
		{Text: "/timeline 2024", Style: Bold}, {Text: " или "}, {Text: "/timeline март 2024", Style: Bold}, {Text: " — за год или месяц\n"},
		{Text: "/article", Style: Bold}, {Text: " идентификатор — статья целиком (в Telegram — кнопка 📄 под ответом)\n"},
		{Text: "/help", Style: Bold}, {Text: " — эта справка"},
	})
	return r
}
