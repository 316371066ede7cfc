package bot

import (
	"crypto/rand"
	"encoding/hex"
	"strconv"
	"sync"
	"time"

	"github.com/go-telegram/bot/models"

	"github.com/corpusbot/corpusbot/answers"
)

// PageRunes is how long one page of a long answer is in Telegram; the rest
// waits behind an «Ещё» button.
const PageRunes = 2500

// maxChoiceButtons caps the buttons of a choice keyboard.
const maxChoiceButtons = 8

// pending is what a reply still has to show: its next pages and the
// commands its choice buttons run.
type pending struct {
	chat    int64
	thread  int
	pages   []string // pages not yet sent
	choices []answers.Choice
	expires time.Time
}

// store keeps pending replies server-side, so callback_data stays a short
// id ("m:9f2c41d07ab3", "c:9f2c41d07ab3:3") well under Telegram's 64 bytes.
// Ids are random, so a button of one chat cannot be guessed from another.
type store struct {
	mu    sync.Mutex
	items map[string]*pending
	ttl   time.Duration
	now   func() time.Time
}

func newStore(ttl time.Duration) *store {
	return &store{items: map[string]*pending{}, ttl: ttl, now: time.Now}
}

// put saves p and returns its id; expired entries are swept on the way.
func (s *store) put(p *pending) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now()
	for id, it := range s.items {
		if now.After(it.expires) {
			delete(s.items, id)
		}
	}
	id := newID()
	for s.items[id] != nil {
		id = newID()
	}
	p.expires = now.Add(s.ttl)
	s.items[id] = p
	return id
}

// newID returns 48 random bits in hex.
func newID() string {
	var b [6]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails
	return hex.EncodeToString(b[:])
}

// get returns the pending reply id while it has not expired, and only to
// the chat it was shown in.
func (s *store) get(id string, chat int64) (*pending, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	p, ok := s.items[id]
	if !ok || s.now().After(p.expires) {
		delete(s.items, id)
		return nil, false
	}
	if p.chat != chat {
		return nil, false
	}
	return p, true
}

// nextPage pops the next page of id, reporting whether more remain; the
// caller has checked the chat with get.
func (s *store) nextPage(id string) (page string, more, ok bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	p, found := s.items[id]
	if !found || s.now().After(p.expires) || len(p.pages) == 0 {
		return "", false, false
	}
	page, p.pages = p.pages[0], p.pages[1:]
	return page, len(p.pages) > 0, true
}

// inlineKeyboard is reply_markup with inline buttons. It is ours, not the
// library's, so the JSON holds only what is set: the library's button type
// always sends an empty "copy_text" object, which Telegram may reject.
type inlineKeyboard struct {
	InlineKeyboard [][]inlineButton `json:"inline_keyboard"`
}

// inlineButton is a callback button.
type inlineButton struct {
	Text         string `json:"text"`
	CallbackData string `json:"callback_data"`
}

// keyboard builds the buttons under a message: one row per choice, one
// row of open-article buttons, then «Ещё». Open buttons run the commands
// after the choices in the pending reply.
func keyboard(id string, choices, open []answers.Choice, more bool) models.ReplyMarkup {
	var rows [][]inlineButton
	for i, c := range choices {
		if i == maxChoiceButtons {
			break
		}
		label := []rune(c.Label)
		if len(label) > 40 {
			label = append(label[:39], '…')
		}
		rows = append(rows, []inlineButton{{Text: string(label), CallbackData: "c:" + id + ":" + strconv.Itoa(i)}})
	}
	var row []inlineButton
	for j, o := range open {
		row = append(row, inlineButton{Text: o.Label, CallbackData: "c:" + id + ":" + strconv.Itoa(len(choices)+j)})
	}
	if len(row) > 0 {
		rows = append(rows, row)
	}
	if more {
		rows = append(rows, []inlineButton{{Text: "Ещё ▸", CallbackData: "m:" + id}})
	}
	if len(rows) == 0 {
		return nil
	}
	return &inlineKeyboard{InlineKeyboard: rows}
}
