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

// Reloader reads the corpus again and returns a new Answerer with a short
// summary for the admin who asked ("5 статей").
type Reloader func(ctx context.Context) (Answerer, string, error)

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

	mu       sync.Mutex
	lastDone int64 // highest update id answered

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
	b := &Bot{cfg: cfg, log: log, send: newSender(cfg.Limits, log), pages: newStore(cfg.PageTTL),
		flood: newFloodGuard(cfg.FloodLimit, cfg.FloodWindow), allowed: set(cfg.AllowedChats), admins: set(cfg.AdminIDs)}
	b.svc.Store(svc)
	opts := []tg.Option{
		tg.WithDefaultHandler(b.handle),
		tg.WithErrorsHandler(func(err error) { b.log.Warn("telegram", "err", err) }),
		tg.WithHTTPClient(cfg.PollTimeout, &http.Client{Timeout: cfg.PollTimeout + 10*time.Second}),
		// handlers run inside the library's workers, so Start returns only
		// after the answers in flight are sent; an unbuffered queue means no
		// update is fetched ahead of a free worker, so none is lost at shutdown
		tg.WithNotAsyncHandlers(),
		tg.WithWorkers(cfg.Workers),
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
	me, err := api.GetMe(ctx)
	if err != nil {
		return nil, fmt.Errorf("getMe: %w", err)
	}
	b.username, b.id = me.Username, me.ID
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
		{Command: "timeline", Description: "Хронология событий: /timeline [тема]"},
	}}); err != nil {
		b.log.Warn("setMyCommands failed", "err", err)
	}
	if b.cfg.WebhookURL != "" {
		return b.runWebhook(ctx)
	}
	// polling and a webhook exclude each other: drop a stale one
	if _, err := b.api.DeleteWebhook(ctx, &tg.DeleteWebhookParams{}); err != nil {
		b.log.Warn("deleteWebhook failed; polling anyway", "err", err)
	}
	b.log.Info("bot started", "username", b.username, "mode", "polling")
	b.api.Start(ctx)
	b.confirm()
	b.log.Info("bot stopped")
	return nil
}

// confirm tells Telegram the answered updates are done (getUpdates with
// the next offset), so a restart starts after them and answers none twice.
func (b *Bot) confirm() {
	b.mu.Lock()
	last := b.lastDone
	b.mu.Unlock()
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

func (b *Bot) markDone(id int64) {
	b.mu.Lock()
	if id > b.lastDone {
		b.lastDone = id
	}
	b.mu.Unlock()
}

// runWebhook registers the webhook and serves it until ctx is done. Each
// request is checked for the secret (403 without it), answered 200 at once
// and handled in the background; shutdown waits for the handlers.
func (b *Bot) runWebhook(ctx context.Context) error {
	if _, err := b.api.SetWebhook(ctx, &tg.SetWebhookParams{URL: b.cfg.WebhookURL, SecretToken: b.cfg.WebhookSecret,
		AllowedUpdates: []string{"message", "callback_query", "inline_query", "my_chat_member"}}); err != nil {
		return fmt.Errorf("setWebhook: %w", err)
	}
	var wg sync.WaitGroup
	srv := &http.Server{Addr: b.cfg.ListenAddr, Handler: b.WebhookHandler(ctx, &wg), ReadHeaderTimeout: 10 * time.Second}
	errc := make(chan error, 1)
	go func() { errc <- srv.ListenAndServe() }()
	b.log.Info("bot started", "username", b.username, "mode", "webhook", "listen", b.cfg.ListenAddr)
	select {
	case <-ctx.Done():
	case err := <-errc:
		if !errors.Is(err, http.ErrServerClosed) {
			return fmt.Errorf("webhook server: %w", err)
		}
	}
	shut, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	_ = srv.Shutdown(shut)
	wg.Wait()
	b.log.Info("bot stopped")
	return nil
}

// WebhookHandler serves Telegram's webhook requests: 403 without the
// secret, 400 for a body that is no update, else 200 at once while the
// update is handled in the background (tracked by wg).
func (b *Bot) WebhookHandler(ctx context.Context, wg *sync.WaitGroup) http.Handler {
	sem := make(chan struct{}, b.cfg.Workers)
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
		w.WriteHeader(http.StatusOK)
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			b.handle(ctx, b.api, &upd)
		}()
	})
}

// Run connects and runs a bot until ctx is done.
func Run(ctx context.Context, cfg Config, svc Answerer, log *slog.Logger) error {
	b, err := New(ctx, cfg, svc, log)
	if err != nil {
		return err
	}
	return b.Run(ctx)
}

// Username is the bot's @username from getMe.
func (b *Bot) Username() string { return b.username }
