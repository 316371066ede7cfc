// Package answers understands a message (free text, /who, /timeline,
// /help), retrieves what the corpus says and composes one Reply, which the
// bot and the terminal render as Telegram HTML, plain text or JSON.
package answers

import (
	"context"
	"log/slog"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/corpusbot/corpusbot/index"
	"github.com/corpusbot/corpusbot/index/russian"
)

// Library is what answers needs from the index.
type Library interface {
	Search(ctx context.Context, words []string, limit int) (index.Results, error)
	Matcher(words []string) func(word string) bool
	Corpus() *index.Corpus
	People() *index.People
	Events() []index.Event
}

// MaxQuestionRunes is how much of a message is read; the rest is ignored.
const MaxQuestionRunes = 1000

// Service answers messages from one corpus.
type Service struct {
	lib   Library
	log   *slog.Logger
	dates *russian.DateFinder
}

// New returns a Service over lib.
func New(lib Library, log *slog.Logger) *Service {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Service{lib: lib, log: log, dates: russian.NewDateFinder()}
}

// Command is a parsed "/name args" message.
type Command struct {
	Name string // lower case, without the slash and any @botname
	Bot  string // the @botname it was addressed to, if any
	Args string
}

// ParseCommand reads "/who@bot Блинкен" as {who, bot, Блинкен}. ok is false
// when text is not a command.
func ParseCommand(text string) (Command, bool) {
	text = strings.TrimSpace(text)
	if !strings.HasPrefix(text, "/") {
		return Command{}, false
	}
	head, args, _ := strings.Cut(text[1:], " ")
	if i := strings.IndexAny(head, "\n\t"); i >= 0 {
		args = head[i+1:] + " " + args
		head = head[:i]
	}
	name, bot, _ := strings.Cut(head, "@")
	if name == "" {
		return Command{}, false
	}
	for _, r := range name {
		if !(r == '_' || r < utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r))) {
			return Command{}, false
		}
	}
	return Command{Name: strings.ToLower(name), Bot: bot, Args: strings.TrimSpace(args)}, true
}

// Answer routes one message exactly as a private chat would: a command or
// a free-text question. It never fails: problems become a polite reply.
func (s *Service) Answer(ctx context.Context, msg string) Reply {
	msg = strings.Map(printable, strings.ToValidUTF8(msg, ""))
	msg = strings.TrimSpace(msg)
	if utf8.RuneCountInString(msg) > MaxQuestionRunes {
		msg = string([]rune(msg)[:MaxQuestionRunes])
	}
	if msg == "" {
		return s.help("Напишите вопрос о событиях из корпуса, например:")
	}
	if cmd, ok := ParseCommand(msg); ok {
		if cmd.Bot != "" { // the Telegram adapter strips our own name: any other is another bot's
			return Reply{Kind: KindHelp, Blocks: []Block{{{Text: "Эта команда адресована другому боту (@" + cmd.Bot + ")."}}}}
		}
		switch cmd.Name {
		case "start", "help":
			return s.help("")
		case "who":
			return s.who(ctx, cmd.Args)
		case "timeline":
			return s.timeline(ctx, cmd.Args)
		case "article":
			return s.article(ctx, cmd.Args)
		case "follow", "unfollow":
			return followElsewhere()
		default:
			return s.help("Такой команды я не знаю. Вот что я умею:")
		}
	}
	return s.search(ctx, msg)
}

// printable drops control characters (terminal escape sequences among
// them), keeping line breaks and tabs as spaces' kin.
func printable(r rune) rune {
	switch {
	case r == '\n' || r == '\t':
		return r
	case unicode.IsControl(r), r == '\u2028', r == '\u2029', unicode.Is(unicode.Bidi_Control, r):
		return -1
	}
	return r
}

func (s *Service) fail(op string, err error) Reply {
	s.log.Error("answer failed", "op", op, "err", err)
	return Reply{Kind: KindError, Blocks: []Block{{{Text: "Не получилось ответить: внутренняя ошибка. Попробуйте ещё раз чуть позже."}}}}
}
