package answers

import (
	"context"
	"fmt"
	"strings"

	"github.com/corpusbot/corpusbot/index"
	"github.com/corpusbot/corpusbot/index/russian"
)

// ArticleView is a whole article as /article shows it.
type ArticleView struct {
	Doc    string `json:"doc"`
	Title  string `json:"title"`
	Date   string `json:"date"`
	Source string `json:"source"`
	URL    string `json:"url,omitempty"`
	Text   string `json:"text"` // the body without site furniture, paragraphs separated by blank lines
}

// article is /article DOC: the whole article behind a result, its title
// linked, with date and outlet. DOC is the id from a reply, or a unique
// beginning of one.
func (s *Service) article(_ context.Context, doc string) Reply {
	doc = strings.TrimSpace(doc)
	c := s.lib.Corpus()
	if doc == "" {
		example := ""
		if len(c.Articles) > 0 {
			example = ", например /article " + c.Articles[0].ID
		}
		return Reply{Kind: KindArticle, Blocks: []Block{{{Text: "Напишите /article и идентификатор статьи из ответа" + example + "."}}}}
	}
	a := findArticle(c, doc)
	if a == nil {
		return Reply{Kind: KindArticle, Blocks: []Block{{{Text: fmt.Sprintf("Не нашёл статьи «%s». Идентификатор статьи есть в ответах (поле doc) и в именах файлов корпуса.", russian.Truncate(doc, 80))}}}}
	}
	paras := paragraphs(a)
	v := &ArticleView{Doc: a.ID, Title: a.Title, Date: a.Published.ISO(), Source: a.Source, URL: a.URL, Text: strings.Join(paras, "\n\n")}
	r := Reply{Kind: KindArticle, Article: v}
	r.Blocks = append(r.Blocks, Block{titleSpan(a), {Text: "\n"}, dateSource(a)})
	for _, p := range paras {
		r.Blocks = append(r.Blocks, Block{{Text: p}})
	}
	return r
}

// findArticle is the article with id doc, else the one whose id starts
// with it (any case) when only one does.
func findArticle(c *index.Corpus, doc string) *index.Article {
	if a := c.Article(doc); a != nil {
		return a
	}
	found := ""
	low := strings.ToLower(doc)
	for _, a := range c.Articles {
		if strings.HasPrefix(strings.ToLower(a.ID), low) {
			if found != "" {
				return nil
			}
			found = a.ID
		}
	}
	if found == "" {
		return nil
	}
	return c.Article(found)
}

// paragraphs rebuilds the body's paragraphs from its sentences.
func paragraphs(a *index.Article) []string {
	var out []string
	para := -1
	for _, s := range a.Sentences {
		if s.Para != para || len(out) == 0 {
			out = append(out, s.Text)
			para = s.Para
			continue
		}
		out[len(out)-1] += " " + s.Text
	}
	return out
}
