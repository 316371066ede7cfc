package bot

import (
	"context"
	"errors"
	"log/slog"
	"math/rand/v2"
	"sync"
	"time"

	tg "github.com/go-telegram/bot"
)

// Limits are Telegram's sending limits and how hard the bot retries.
type Limits struct {
	ChatInterval  time.Duration // between messages to one private chat (Telegram: about 1/s)
	GroupInterval time.Duration // between messages to one group (Telegram: 20/min)
	GlobalRate    int           // messages per second overall (Telegram: 30)
	Retries       int           // retries of a 429, a 5xx or a network error
	Backoff       time.Duration // first pause after a 5xx or network error; doubles each time
	MaxRetryAfter time.Duration // a 429 asking to wait longer than this fails at once
}

// DefaultLimits are Telegram's published limits.
func DefaultLimits() Limits {
	return Limits{ChatInterval: time.Second, GroupInterval: 3 * time.Second, GlobalRate: 30,
		Retries: 5, Backoff: 500 * time.Millisecond, MaxRetryAfter: 2 * time.Minute}
}

// sender paces outgoing requests within the limits and retries the ones
// that may succeed later: 429 after its retry_after, 5xx and network errors
// with exponential backoff. The library itself never retries.
type sender struct {
	lim        Limits
	log        *slog.Logger
	mu         sync.Mutex
	nextChat   map[int64]time.Time
	nextGlobal time.Time
}

func newSender(lim Limits, log *slog.Logger) *sender {
	return &sender{lim: lim, log: log, nextChat: map[int64]time.Time{}}
}

// reserve waits for the next free slot for chat; chat 0 reserves only a
// global slot (a typing indicator is not a message).
func (s *sender) reserve(ctx context.Context, chat int64, group bool) error {
	s.mu.Lock()
	now := time.Now()
	at := now
	if t := s.nextChat[chat]; chat != 0 && t.After(at) {
		at = t
	}
	if s.nextGlobal.After(at) {
		at = s.nextGlobal
	}
	gap := s.lim.ChatInterval
	if group {
		gap = s.lim.GroupInterval
	}
	if chat != 0 {
		s.nextChat[chat] = at.Add(gap)
	}
	if s.lim.GlobalRate > 0 {
		s.nextGlobal = at.Add(time.Second / time.Duration(s.lim.GlobalRate))
	}
	if len(s.nextChat) > 10000 { // forget chats that went quiet
		for id, t := range s.nextChat {
			if t.Before(now) {
				delete(s.nextChat, id)
			}
		}
	}
	s.mu.Unlock()
	return sleep(ctx, time.Until(at))
}

// do runs one request to chat with pacing and retries.
func (s *sender) do(ctx context.Context, chat int64, group bool, call func(context.Context) error) error {
	backoff := s.lim.Backoff
	for attempt := 0; ; attempt++ {
		if err := s.reserve(ctx, chat, group); err != nil {
			return err
		}
		err := call(ctx)
		if err == nil {
			return nil
		}
		if attempt >= s.lim.Retries || ctx.Err() != nil {
			return err
		}
		var tooMany *tg.TooManyRequestsError
		switch {
		case errors.As(err, &tooMany):
			wait := time.Duration(tooMany.RetryAfter) * time.Second
			if wait > s.lim.MaxRetryAfter {
				return err
			}
			s.log.Warn("telegram asks to slow down", "chat", chat, "retry_after", wait)
			if err := sleep(ctx, wait); err != nil {
				return err
			}
		case permanent(err):
			return err
		default:
			jitter := time.Duration(rand.Int64N(int64(backoff)/2 + 1))
			s.log.Warn("telegram request failed; retrying", "chat", chat, "attempt", attempt+1, "err", err)
			if err := sleep(ctx, backoff+jitter); err != nil {
				return err
			}
			backoff *= 2
		}
	}
}

// permanent reports errors that will not go away by retrying: a bad
// request, no rights in the chat, a wrong token.
func permanent(err error) bool {
	return errors.Is(err, tg.ErrorBadRequest) || errors.Is(err, tg.ErrorForbidden) ||
		errors.Is(err, tg.ErrorUnauthorized) || errors.Is(err, tg.ErrorNotFound) ||
		errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)
}

func sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// floodGuard counts each user's messages in a sliding window.
type floodGuard struct {
	mu     sync.Mutex
	limit  int
	window time.Duration
	seen   map[int64][]time.Time
	warned map[int64]bool
}

func newFloodGuard(limit int, window time.Duration) *floodGuard {
	return &floodGuard{limit: limit, window: window, seen: map[int64][]time.Time{}, warned: map[int64]bool{}}
}

// allow reports whether user may be answered now, and whether this is the
// first refusal in the window (the one that gets a polite reply).
func (g *floodGuard) allow(user int64) (ok, warn bool) {
	if g.limit <= 0 {
		return true, false
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	now := time.Now()
	times := g.seen[user]
	keep := times[:0]
	for _, t := range times {
		if now.Sub(t) < g.window {
			keep = append(keep, t)
		}
	}
	if len(keep) >= g.limit {
		g.seen[user] = keep
		warn = !g.warned[user]
		g.warned[user] = true
		return false, warn
	}
	g.seen[user] = append(keep, now)
	delete(g.warned, user)
	if len(g.seen) > 10000 {
		for id, ts := range g.seen {
			if len(ts) == 0 || now.Sub(ts[len(ts)-1]) > g.window {
				delete(g.seen, id)
			}
		}
	}
	return true, false
}
