package bot

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/go-telegram/bot/models"
)

// dispatcher runs each chat's updates in order, one at a time per chat,
// with chats independent of each other: a chat waiting for its pacing
// holds nothing another chat needs. It bounds the backlog (updates
// accepted and not yet answered), drops update ids it has already seen,
// and on stop answers what it can within a bound and hands back the rest.
type dispatcher struct {
	handle func(*models.Update)
	limit  int // backlog bound

	mu       sync.Mutex
	space    *sync.Cond // signalled when the backlog shrinks
	queues   map[int64][]*models.Update
	backlog  int
	seen     map[int64]bool
	order    []int64 // seen ids, oldest first, to forget them
	highest  int64   // highest update id accepted
	deadline time.Time
	stopping bool
	wg       sync.WaitGroup
}

// seenIDs is how many recent update ids are remembered to drop repeats.
const seenIDs = 8192

// errBacklog means the backlog is full; the webhook answers 503.
var errBacklog = errors.New("backlog full")

func newDispatcher(limit int, handle func(*models.Update)) *dispatcher {
	d := &dispatcher{handle: handle, limit: limit, queues: map[int64][]*models.Update{}, seen: map[int64]bool{}}
	d.space = sync.NewCond(&d.mu)
	return d
}

// chatKey is the queue an update belongs to: its chat, or for updates
// without one (inline queries, buttons of inline messages) its user's
// private chat, which has the same id.
func chatKey(upd *models.Update) int64 {
	switch {
	case upd.Message != nil:
		return upd.Message.Chat.ID
	case upd.CallbackQuery != nil:
		if chat, ok := callbackChat(upd.CallbackQuery); ok {
			return chat
		}
		return upd.CallbackQuery.From.ID
	case upd.InlineQuery != nil:
		return upd.InlineQuery.From.ID
	case upd.MyChatMember != nil:
		return upd.MyChatMember.Chat.ID
	}
	return 0
}

// submit queues upd. With wait it blocks while the backlog is full (long
// polling: Telegram keeps the rest); without, it returns errBacklog. A
// repeated update id is accepted and dropped.
func (d *dispatcher) submit(upd *models.Update, wait bool) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	if upd.ID != 0 && d.seen[upd.ID] {
		return nil
	}
	for d.backlog >= d.limit && !d.stopping {
		if !wait {
			return errBacklog
		}
		d.space.Wait()
	}
	if d.stopping {
		return errBacklog
	}
	if upd.ID != 0 {
		d.remember(upd.ID)
	}
	key := chatKey(upd)
	q := d.queues[key]
	d.queues[key] = append(q, upd)
	d.backlog++
	if len(q) == 0 { // no runner for this chat: start one
		d.wg.Add(1)
		go d.run(key)
	}
	return nil
}

func (d *dispatcher) remember(id int64) {
	d.seen[id] = true
	d.order = append(d.order, id)
	if len(d.order) > seenIDs {
		delete(d.seen, d.order[0])
		d.order = d.order[1:]
	}
	if id > d.highest {
		d.highest = id
	}
}

// run answers one chat's queue in order until it is empty or the stop
// deadline has passed.
func (d *dispatcher) run(key int64) {
	defer d.wg.Done()
	for {
		d.mu.Lock()
		q := d.queues[key]
		if len(q) == 0 || d.stopping && time.Now().After(d.deadline) {
			if len(q) == 0 {
				delete(d.queues, key)
			}
			d.mu.Unlock()
			return
		}
		upd := q[0]
		d.mu.Unlock()

		d.handle(upd)

		d.mu.Lock()
		d.queues[key] = d.queues[key][1:]
		d.backlog--
		d.space.Broadcast()
		d.mu.Unlock()
	}
}

// stop refuses new updates, answers queued ones until wait has passed (an
// answer already started is finished), and returns those left unanswered,
// in update order, with the highest id ever accepted.
func (d *dispatcher) stop(wait time.Duration) (left []*models.Update, highest int64) {
	d.mu.Lock()
	d.stopping, d.deadline = true, time.Now().Add(wait)
	d.space.Broadcast()
	d.mu.Unlock()
	d.wg.Wait()
	d.mu.Lock()
	defer d.mu.Unlock()
	for key, q := range d.queues {
		left = append(left, q...)
		delete(d.queues, key)
	}
	sortUpdates(left)
	return left, d.highest
}

func sortUpdates(u []*models.Update) {
	for i := 1; i < len(u); i++ { // short lists: insertion sort keeps it dependency-free
		for j := i; j > 0 && u[j].ID < u[j-1].ID; j-- {
			u[j], u[j-1] = u[j-1], u[j]
		}
	}
}

// spool keeps updates that were accepted but not answered when the bot
// stopped, one JSON object per line, for the next start to answer first.
type spool struct {
	path string // empty: nowhere to keep them
	log  *slog.Logger
}

// save writes left atomically beside the spool's path.
func (s spool) save(left []*models.Update) error {
	if len(left) == 0 {
		return nil
	}
	if s.path == "" {
		return fmt.Errorf("%d accepted updates unanswered and no state folder to keep them", len(left))
	}
	if err := os.MkdirAll(filepath.Dir(s.path), 0o700); err != nil {
		return fmt.Errorf("spool folder: %w", err)
	}
	prev, err := s.read() // a previous stop's leftovers not yet replayed stay first
	if err != nil {
		return err
	}
	tmp := s.path + ".tmp"
	f, err := os.OpenFile(tmp, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, 0o600)
	if err != nil {
		return fmt.Errorf("spool: %w", err)
	}
	w := bufio.NewWriter(f)
	enc := json.NewEncoder(w)
	for _, u := range append(prev, left...) {
		if err := enc.Encode(u); err != nil {
			f.Close()
			return fmt.Errorf("spool: %w", err)
		}
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return fmt.Errorf("spool: %w", err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return fmt.Errorf("spool: %w", err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("spool: %w", err)
	}
	if err := os.Rename(tmp, s.path); err != nil {
		return fmt.Errorf("spool: %w", err)
	}
	return nil
}

// read returns the spooled updates; a damaged line is skipped with a warning.
func (s spool) read() ([]*models.Update, error) {
	if s.path == "" {
		return nil, nil
	}
	f, err := os.Open(s.path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("spool: %w", err)
	}
	defer f.Close()
	var out []*models.Update
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64*1024), 4<<20)
	for n := 1; sc.Scan(); n++ {
		var u models.Update
		if err := json.Unmarshal(sc.Bytes(), &u); err != nil {
			s.log.Warn("spooled update unreadable; skipped", "line", n)
			continue
		}
		out = append(out, &u)
	}
	if err := sc.Err(); err != nil {
		s.log.Warn("spool read stopped early", "err", err)
	}
	return out, nil
}

// take returns the spooled updates and removes the spool.
func (s spool) take() ([]*models.Update, error) {
	left, err := s.read()
	if err != nil || len(left) == 0 {
		return nil, err
	}
	if err := os.Remove(s.path); err != nil {
		return nil, fmt.Errorf("spool: %w", err)
	}
	return left, nil
}

// drain stops d and keeps what it could not answer.
func (b *Bot) drain() int64 {
	left, highest := b.queue.stop(b.cfg.StopWait)
	if err := b.spool.save(left); err != nil {
		b.log.Error("updates lost at stop", "count", len(left), "err", err)
	} else if len(left) > 0 {
		b.log.Info("updates kept for the next start", "count", len(left), "file", b.spool.path)
	}
	return highest
}

// replay queues the updates a previous stop kept.
func (b *Bot) replay(ctx context.Context) {
	left, err := b.spool.take()
	if err != nil {
		b.log.Warn("could not replay kept updates", "err", err)
		return
	}
	for _, u := range left {
		if ctx.Err() != nil {
			return
		}
		_ = b.queue.submit(u, true)
	}
	if len(left) > 0 {
		b.log.Info("kept updates replayed", "count", len(left))
	}
}
