// Package bot is the Telegram adapter: it receives updates through
// go-telegram/bot (long polling), decides which messages are for the bot,
// asks answers for a reply and sends it as Telegram HTML.
//
// It works around the library's known traps: commands are parsed here (the
// library does not match "/who@bot" and counts entity offsets in bytes),
// handlers are recovered from panics, and Start is made to wait for the
// answers in flight before shutdown.
package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"time"

	tg "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"github.com/corpusbot/corpusbot/answers"
)

// Answerer answers one message.
type Answerer interface {
	Answer(ctx context.Context, msg string) answers.Reply
}

// Config is what the bot needs to connect.
type Config struct {
	Token       string
	APIURL      string        // Bot API base URL; empty means Telegram's
	PollTimeout time.Duration // long-polling timeout; 0 means 50 s
	Workers     int           // concurrent handlers; 0 means 8
	AnswerLimit time.Duration // how long one answer may take; 0 means 60 s
}

// MaxMessage is Telegram's limit on one message's text.
const MaxMessage = 4096

// ErrNoToken means the bot was started without a token.
var ErrNoToken = errors.New("no bot token")

// Bot is a running Telegram bot.
type Bot struct {
	cfg      Config
	svc      Answerer
	log      *slog.Logger
	api      *tg.Bot
	username string
	id       int64
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
	b := &Bot{cfg: cfg, svc: svc, log: log}
	opts := []tg.Option{
		tg.WithDefaultHandler(b.handle),
		tg.WithErrorsHandler(func(err error) { b.log.Warn("telegram", "err", err) }),
		tg.WithHTTPClient(cfg.PollTimeout, &http.Client{Timeout: cfg.PollTimeout + 10*time.Second}),
		// handlers run inside the library's workers, so Start returns only
		// after the answers in flight are sent
		tg.WithNotAsyncHandlers(),
		tg.WithWorkers(cfg.Workers),
		tg.WithSkipGetMe(),
		tg.WithAllowedUpdates(tg.AllowedUpdates{"message", "callback_query"}),
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

// Run registers the commands and polls for updates until ctx is done, then
// waits for the answers in flight.
func (b *Bot) Run(ctx context.Context) error {
	if _, err := b.api.DeleteWebhook(ctx, &tg.DeleteWebhookParams{}); err != nil {
		b.log.Warn("deleteWebhook failed; polling anyway", "err", err)
	}
	if _, err := b.api.SetMyCommands(ctx, &tg.SetMyCommandsParams{Commands: []models.BotCommand{
		{Command: "help", Description: "Что я умею и примеры вопросов"},
		{Command: "who", Description: "Кто это: /who Фамилия"},
		{Command: "timeline", Description: "Хронология событий: /timeline [тема]"},
	}}); err != nil {
		b.log.Warn("setMyCommands failed", "err", err)
	}
	b.log.Info("bot started", "username", b.username)
	b.api.Start(ctx)
	b.log.Info("bot stopped")
	return nil
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
