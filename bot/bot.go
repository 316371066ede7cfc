// Package bot is the Telegram adapter: it receives updates through
// go-telegram/bot (long polling or a webhook), decides which messages are
// for the bot, asks answers for a reply and sends it as Telegram HTML,
// paged, paced within Telegram's limits and retried when Telegram says so.
//
// It works around the library's known traps: commands are parsed here (the
// library does not match "/who@bot" and counts entity offsets in bytes),
// handlers are recovered from panics, Start is made to wait for the answers
// in flight, 429 and 5xx answers are retried, and on shutdown the updates
// already answered are confirmed so a restart answers none of them twice.
package bot

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"path/filepath"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	tg "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"github.com/corpusbot/corpusbot/answers"
)

// Answerer answers one message.
type Answerer interface {
	Answer(ctx context.Context, msg string) answers.Reply
}

// Reloader reads the corpus again and returns a new Answerer, the ids of
// the new or changed articles (for subscriptions) and a short
// summary for the admin who asked ("5 статей").
type Reloader func(ctx context.Context) (Answerer, []string, string, error)

// Config is what the bot needs to connect and how it behaves.
type Config struct {
	Token       string
	APIURL      string        // Bot API base URL; empty means Telegram's
	PollTimeout time.Duration // long-polling timeout; 0 means 50 s
	Workers     int           // concurrent handlers; 0 means 8
	AnswerLimit time.Duration // how long one answer may take; 0 means 60 s
	Limits      Limits        // sending limits; zero means DefaultLimits
	FloodLimit  int           // messages one user may send per FloodWindow; 0 means 20
	FloodWindow time.Duration // 0 means one minute
	PageTTL     time.Duration // how long «Ещё» and choice buttons work; 0 means 24 h

	AllowedChats []int64  // when set, only these chats are answered
	AdminIDs     []int64  // users allowed to /reload
	Reload       Reloader // what /reload does; nil disables it

	Backlog  int           // updates accepted and not yet answered, at most; 0 means 256
	StopWait time.Duration // how long a stop keeps answering queued updates; 0 means 20 s
	StateDir string        // where updates left unanswered at a stop and subscriptions are kept; empty: nowhere

	WebhookURL    string // when set, the bot takes updates by webhook instead of polling
	WebhookSecret string // checked on every webhook request (X-Telegram-Bot-Api-Secret-Token)
	ListenAddr    string // where the webhook server listens; default ":8080"
}

// MaxMessage is Telegram's limit on one message's text.
const MaxMessage = 4096

// ErrNoToken means the bot was started without a token.
var ErrNoToken = errors.New("no bot token")

// Bot is a running Telegram bot.
type Bot struct {
	cfg      Config
	svc      atomic.Value // Answerer
	log      *slog.Logger
	api      *tg.Bot
	username string
	id       int64
	send     *sender
	pages    *store
	flood    *floodGuard
	allowed  map[int64]bool
	admins   map[int64]bool
	queue    *dispatcher
	spool    spool
	compute  chan struct{} // answers prepared at once, at most
	follows  *follows

	reloading sync.Mutex // one /reload at a time
}

// New connects to the Bot API (getMe) and returns a bot ready to Run.
func New(ctx context.Context, cfg Config, svc Answerer, log *slog.Logger) (*Bot, error) {
	if cfg.Token == "" {
		return nil, ErrNoToken
	}
	if cfg.PollTimeout <= 0 {
		cfg.PollTimeout = 50 * time.Second
	}
	if cfg.Workers <= 0 {
		cfg.Workers = 8
	}
	if cfg.AnswerLimit <= 0 {
		cfg.AnswerLimit = 60 * time.Second
	}
	if cfg.Limits == (Limits{}) {
		cfg.Limits = DefaultLimits()
	}
	if cfg.FloodLimit == 0 {
		cfg.FloodLimit = 20
	}
	if cfg.FloodWindow <= 0 {
		cfg.FloodWindow = time.Minute
	}
	if cfg.PageTTL <= 0 {
		cfg.PageTTL = 24 * time.Hour
	}
	if cfg.ListenAddr == "" {
		cfg.ListenAddr = ":8080"
	}
	if cfg.Backlog <= 0 {
		cfg.Backlog = 256
	}
	if cfg.StopWait <= 0 {
		cfg.StopWait = 20 * time.Second
	}
	b := &Bot{cfg: cfg, log: log, send: newSender(cfg.Limits, log), pages: newStore(cfg.PageTTL),
		flood: newFloodGuard(cfg.FloodLimit, cfg.FloodWindow), allowed: set(cfg.AllowedChats), admins: set(cfg.AdminIDs),
		compute: make(chan struct{}, cfg.Workers), spool: spool{log: log}}
	b.queue = newDispatcher(cfg.Backlog, func(upd *models.Update) { b.handle(context.Background(), nil, upd) })
	b.svc.Store(svc)
	opts := []tg.Option{
		// the library's one worker only queues each update in its chat's
		// queue, in order; chats are answered independently (dispatch.go)
		tg.WithDefaultHandler(func(_ context.Context, _ *tg.Bot, upd *models.Update) { _ = b.queue.submit(upd, true) }),
		tg.WithErrorsHandler(func(err error) { b.log.Warn("telegram", "err", err) }),
		tg.WithHTTPClient(cfg.PollTimeout, &http.Client{Timeout: cfg.PollTimeout + 10*time.Second}),
		tg.WithNotAsyncHandlers(),
		tg.WithWorkers(1),
		tg.WithUpdatesChannelCap(0),
		tg.WithSkipGetMe(),
		tg.WithAllowedUpdates(tg.AllowedUpdates{"message", "callback_query", "inline_query", "my_chat_member"}),
	}
	if cfg.APIURL != "" {
		opts = append(opts, tg.WithServerURL(cfg.APIURL))
	}
	api, err := tg.New(cfg.Token, opts...)
	if err != nil {
		return nil, fmt.Errorf("telegram client: %w", err)
	}
	b.api = api
	me, err := retry(ctx, b.log, "getMe", func(ctx context.Context) (*models.User, error) { return api.GetMe(ctx) })
	if err != nil {
		return nil, fmt.Errorf("getMe: %w", err)
	}
	b.username, b.id = me.Username, me.ID
	followsPath := ""
	if cfg.StateDir != "" {
		b.spool.path = filepath.Join(cfg.StateDir, fmt.Sprintf("pending-updates-%d.jsonl", me.ID))
		followsPath = filepath.Join(cfg.StateDir, fmt.Sprintf("follows-%d.json", me.ID))
	}
	if b.follows, err = loadFollows(followsPath); err != nil {
		return nil, err
	}
	return b, nil
}

func set(ids []int64) map[int64]bool {
	m := map[int64]bool{}
	for _, id := range ids {
		m[id] = true
	}
	return m
}

func (b *Bot) answerer() Answerer { return b.svc.Load().(Answerer) }

// Run registers the commands and takes updates until ctx is done, then
// waits for the answers in flight and confirms them to Telegram.
func (b *Bot) Run(ctx context.Context) error {
	if _, err := b.api.SetMyCommands(ctx, &tg.SetMyCommandsParams{Commands: []models.BotCommand{
		{Command: "help", Description: "Что я умею и примеры вопросов"},
		{Command: "who", Description: "Кто это: /who Фамилия"},
		{Command: "timeline", Description: "Хронология событий: /timeline [тема] [год]"},
		{Command: "article", Description: "Статья целиком: /article идентификатор"},
		{Command: "follow", Description: "Подписка на новые статьи: /follow Фамилия или тема"},
		{Command: "unfollow", Description: "Отписаться: /unfollow Фамилия или тема"},
	}}); err != nil {
		b.log.Warn("setMyCommands failed", "err", err)
	}
	b.replay(ctx)
	if b.cfg.WebhookURL != "" {
		return b.runWebhook(ctx)
	}
	// polling and a webhook exclude each other: drop a stale one
	if _, err := b.api.DeleteWebhook(ctx, &tg.DeleteWebhookParams{}); err != nil {
		b.log.Warn("deleteWebhook failed; polling anyway", "err", err)
	}
	b.log.Info("bot started", "username", b.username, "mode", "polling")
	b.api.Start(ctx)
	b.confirm(b.drain())
	b.log.Info("bot stopped")
	return nil
}

// confirm tells Telegram the updates up to last are taken care of
// (getUpdates with the next offset): answered, or kept for the next start.
func (b *Bot) confirm(last int64) {
	if last == 0 {
		return
	}
	base := b.cfg.APIURL
	if base == "" {
		base = "https://api.telegram.org"
	}
	q := url.Values{"offset": {strconv.FormatInt(last+1, 10)}, "timeout": {"0"}, "limit": {"1"}}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, base+"/bot"+b.cfg.Token+"/getUpdates?"+q.Encode(), nil)
	if err != nil {
		return
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		b.log.Warn("could not confirm the last updates", "err", errors.New("getUpdates request failed"))
		return
	}
	resp.Body.Close()
}

// runWebhook registers the webhook and serves it until ctx is done. A stop
// first stops accepting, then answers the backlog within StopWait and
// keeps the rest for the next start.
func (b *Bot) runWebhook(ctx context.Context) error {
	_, err := retry(ctx, b.log, "setWebhook", func(ctx context.Context) (bool, error) {
		return b.api.SetWebhook(ctx, &tg.SetWebhookParams{URL: b.cfg.WebhookURL, SecretToken: b.cfg.WebhookSecret,
			AllowedUpdates: []string{"message", "callback_query", "inline_query", "my_chat_member"}})
	})
	if err != nil {
		b.drain()
		return fmt.Errorf("setWebhook: %w", err)
	}
	srv := &http.Server{Addr: b.cfg.ListenAddr, Handler: b.WebhookHandler(), ReadHeaderTimeout: 10 * time.Second}
	errc := make(chan error, 1)
	go func() { errc <- srv.ListenAndServe() }()
	b.log.Info("bot started", "username", b.username, "mode", "webhook", "listen", b.cfg.ListenAddr)
	var serveErr error
	select {
	case <-ctx.Done():
	case err := <-errc:
		if !errors.Is(err, http.ErrServerClosed) {
			serveErr = fmt.Errorf("webhook server: %w", err)
		}
	}
	shut, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	_ = srv.Shutdown(shut)
	b.drain()
	b.log.Info("bot stopped")
	return serveErr
}

// WebhookHandler serves Telegram's webhook requests: 403 without the
// secret, 400 for a body that is no update, 503 with Retry-After while the
// backlog is full, else 200 at once while the update waits its turn in its
// chat's queue. A repeated update_id is answered 200 and dropped.
func (b *Bot) WebhookHandler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost {
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		if b.cfg.WebhookSecret != "" && r.Header.Get("X-Telegram-Bot-Api-Secret-Token") != b.cfg.WebhookSecret {
			http.Error(w, "forbidden", http.StatusForbidden)
			return
		}
		var upd models.Update
		if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 1<<20)).Decode(&upd); err != nil {
			http.Error(w, "bad update", http.StatusBadRequest)
			return
		}
		if err := b.queue.submit(&upd, false); err != nil {
			w.Header().Set("Retry-After", "5")
			http.Error(w, "busy", http.StatusServiceUnavailable)
			return
		}
		w.WriteHeader(http.StatusOK)
	})
}

// Stop stops a bot whose webhook handler is served elsewhere: it answers
// the backlog within StopWait and keeps the rest for the next start.
func (b *Bot) Stop() { b.drain() }

// retry calls f until it succeeds, fails for good (a wrong token, a bad
// request) or ctx is done; other failures are retried with backoff.
func retry[T any](ctx context.Context, log *slog.Logger, what string, f func(context.Context) (T, error)) (T, error) {
	wait := 500 * time.Millisecond
	for {
		v, err := f(ctx)
		if err == nil || permanent(err) || ctx.Err() != nil {
			if ctx.Err() != nil && err != nil {
				err = fmt.Errorf("%w (%w)", ctx.Err(), err)
			}
			return v, err
		}
		log.Warn("telegram unreachable; retrying", "call", what, "in", wait, "err", err)
		if sleep(ctx, wait) != nil {
			return v, fmt.Errorf("%w (%w)", ctx.Err(), err)
		}
		wait = min(wait*2, 30*time.Second)
	}
}

// Username is the bot's @username from getMe.
func (b *Bot) Username() string { return b.username }
