package bot

import (
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
// id ("m:1a2b", "c:1a2b:3") well under Telegram's 64 bytes.
type store struct {
	mu    sync.Mutex
	seq   uint64
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
	s.seq++
	id := strconv.FormatUint(s.seq, 36)
	p.expires = now.Add(s.ttl)
	s.items[id] = p
	return id
}

// get returns the pending reply id while it has not expired.
func (s *store) get(id string) (*pending, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	p, ok := s.items[id]
	if !ok || s.now().After(p.expires) {
		delete(s.items, id)
		return nil, false
	}
	return p, true
}

// nextPage pops the next page of id, reporting whether more remain.
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

// keyboard builds the buttons under a message: one per choice, then «Ещё».
func keyboard(id string, choices []answers.Choice, more bool) models.ReplyMarkup {
	var rows [][]models.InlineKeyboardButton
	for i, c := range choices {
		if i == maxChoiceButtons {
			break
		}
		label := []rune(c.Label)
		if len(label) > 40 {
			label = append(label[:39], '…')
		}
		rows = append(rows, []models.InlineKeyboardButton{{Text: string(label), CallbackData: "c:" + id + ":" + strconv.Itoa(i)}})
	}
	if more {
		rows = append(rows, []models.InlineKeyboardButton{{Text: "Ещё ▸", CallbackData: "m:" + id}})
	}
	if len(rows) == 0 {
		return nil
	}
	return &models.InlineKeyboardMarkup{InlineKeyboard: rows}
}
