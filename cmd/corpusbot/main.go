// Command corpusbot answers questions in Russian about a corpus of news
// articles, in Telegram (with TELEGRAM_BOT_TOKEN) or in the terminal.
//
//	corpusbot [--corpus DIR] [--index DIR]            run the bot (Telegram or terminal chat)
//	corpusbot [--corpus DIR] [--index DIR] ask [--json] [TEXT]
//	corpusbot [--corpus DIR] --index DIR index        build or update the on-disk index
package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/corpusbot/corpusbot/answers"
	"github.com/corpusbot/corpusbot/bot"
	"github.com/corpusbot/corpusbot/index"
	"github.com/corpusbot/corpusbot/index/russian"
	"github.com/corpusbot/corpusbot/seeds"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := loadDotEnv(".env"); err != nil {
		fmt.Fprintln(os.Stderr, "corpusbot:", err, "— fix it or remove it; see .env.example")
		os.Exit(2)
	}
	os.Exit(run(ctx, os.Args[1:], os.Getenv, os.Stdin, os.Stdout, os.Stderr))
}

// config is everything read from the environment and the command line.
type config struct {
	token, apiURL       string
	corpusDir, indexDir string
	logLevel            string
	command             string
	args                []string
	bot                 bot.Config
}

func parseConfig(args []string, getenv func(string) string, stderr io.Writer) (config, error) {
	c := config{
		token:     strings.TrimSpace(getenv("TELEGRAM_BOT_TOKEN")),
		apiURL:    strings.TrimSpace(getenv("TELEGRAM_API_URL")),
		corpusDir: getenv("CORPUS_DIR"),
		indexDir:  getenv("INDEX_DIR"),
		logLevel:  getenv("LOG_LEVEL"),
	}
	fset := flag.NewFlagSet("corpusbot", flag.ContinueOnError)
	fset.SetOutput(stderr)
	fset.StringVar(&c.corpusDir, "corpus", c.corpusDir, "folder of .txt articles (default: the embedded seeds)")
	fset.StringVar(&c.indexDir, "index", c.indexDir, "folder of the on-disk index (default: in memory)")
	fset.Usage = func() {
		fmt.Fprintln(stderr, "usage: corpusbot [--corpus DIR] [--index DIR] [ask [--json] [TEXT] | index]")
		fset.PrintDefaults()
	}
	if err := fset.Parse(args); err != nil {
		return c, err
	}
	rest := fset.Args()
	if len(rest) > 0 {
		c.command, c.args = rest[0], rest[1:]
	}
	if c.apiURL == "" {
		c.apiURL = "https://api.telegram.org"
	}
	c.bot = bot.Config{Token: c.token, APIURL: c.apiURL,
		WebhookURL: strings.TrimSpace(getenv("WEBHOOK_URL")), WebhookSecret: getenv("WEBHOOK_SECRET"), ListenAddr: getenv("LISTEN_ADDR"),
		StateDir: stateDir(getenv("STATE_DIR"), c.indexDir)}
	var err error
	if c.bot.AllowedChats, err = parseIDs(getenv("ALLOWED_CHATS")); err != nil {
		return c, fmt.Errorf("ALLOWED_CHATS: %w", err)
	}
	if c.bot.AdminIDs, err = parseIDs(getenv("ADMIN_IDS")); err != nil {
		return c, fmt.Errorf("ADMIN_IDS: %w", err)
	}
	if c.bot.WebhookURL != "" && c.bot.WebhookSecret == "" {
		return c, errors.New("WEBHOOK_URL needs WEBHOOK_SECRET, so that nobody else can post updates")
	}
	return c, nil
}

// stateDir is where the bot keeps what must outlive a restart (updates
// accepted but not answered at a stop): STATE_DIR, else the index folder,
// else the user's cache folder; empty when there is none.
func stateDir(env, indexDir string) string {
	switch {
	case strings.TrimSpace(env) != "":
		return env
	case indexDir != "":
		return indexDir
	}
	if dir, err := os.UserCacheDir(); err == nil {
		return filepath.Join(dir, "corpusbot")
	}
	return ""
}

// parseIDs reads a comma- or space-separated list of Telegram ids.
func parseIDs(s string) ([]int64, error) {
	var out []int64
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' || r == ';' }) {
		id, err := strconv.ParseInt(f, 10, 64)
		if err != nil {
			return nil, fmt.Errorf("%q is not a number", f)
		}
		out = append(out, id)
	}
	return out, nil
}

// run is main without the process: it returns the exit code.
func run(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) int {
	cfg, err := parseConfig(args, getenv, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	if err != nil {
		fmt.Fprintln(stderr, "corpusbot:", err)
		return 2
	}
	defaultLevel := "warn" // the terminal chat and ask keep stderr quiet
	if cfg.token != "" && cfg.command == "" || cfg.command == "index" {
		defaultLevel = "info"
	}
	log := newLogger(stderr, cfg.logLevel, defaultLevel, cfg.token)

	switch cfg.command {
	case "", "ask", "index":
	default:
		fmt.Fprintf(stderr, "corpusbot: unknown command %q (want ask or index)\n", cfg.command)
		return 2
	}
	if cfg.command == "index" && cfg.indexDir == "" {
		fmt.Fprintln(stderr, "corpusbot: index needs --index DIR (or INDEX_DIR)")
		return 2
	}

	// a one-off ask trusts the folders' times; the bot, the chat (which
	// also watch the folder) and index check every file
	opts := index.Options{Dir: cfg.indexDir, TrustFolders: cfg.command == "ask"}
	if cfg.command == "index" {
		opts.Progress = func(done, total int) { fmt.Fprintf(stderr, "indexed %d/%d articles\n", done, total) }
	}
	ix, err := openIndex(ctx, cfg, opts, log)
	if errors.Is(err, index.ErrBusy) {
		fmt.Fprintf(stderr, "corpusbot: индекс %s занят другим процессом; дождитесь его окончания или укажите другой --index (%v)\n", cfg.indexDir, err)
		return 1
	}
	if err != nil {
		fmt.Fprintln(stderr, "corpusbot:", err)
		return 1
	}
	lib := &library{cfg: cfg, current: ix, log: log}
	defer lib.close()
	svc := answers.New(ix, log.With("component", "answers"))

	switch cfg.command {
	case "index":
		st := ix.Stats()
		fmt.Fprintf(stderr, "index %s: %d articles, %d passages; %d indexed, %d unchanged, %d removed, %d files skipped; %s\n",
			cfg.indexDir, st.Articles, st.Passages, st.Indexed, st.Reused, st.Removed, st.Skipped, st.BuildTime.Round(1e6))
		return 0
	case "ask":
		return ask(ctx, svc, cfg.args, stdin, stdout, stderr)
	}
	ix.Preload() // a chat or the bot runs on: its first /who need not wait
	watching, stopWatching := context.WithCancel(ctx)
	var watched sync.WaitGroup
	defer func() { stopWatching(); watched.Wait() }() // before the index closes
	if cfg.token == "" {
		var current atomic.Pointer[answers.Service]
		current.Store(svc)
		watched.Go(func() {
			lib.watch(watching, func(_ context.Context, s *answers.Service, _ []string) { current.Store(s) })
		})
		return chat(ctx, current.Load, stdin, stdout)
	}
	cfg.bot.Reload = lib.reload
	b, err := bot.New(ctx, cfg.bot, svc, log.With("component", "bot"))
	if err == nil {
		watched.Go(func() {
			lib.watch(watching, func(ctx context.Context, s *answers.Service, changed []string) { b.Update(ctx, s, changed) })
		})
		err = b.Run(ctx)
	}
	if err != nil {
		if ctx.Err() != nil && errors.Is(err, ctx.Err()) { // stopped while still connecting
			log.Info("bot stopped before it connected")
			return 0
		}
		log.Error("bot stopped", "err", err)
		return 1
	}
	return 0
}

// library holds the current index of the corpus and brings it up to date
// for /reload and the folder watcher, one update at a time. An update that
// fails (a folder that vanished or holds nothing readable) leaves the
// current index answering.
type library struct {
	mu      sync.Mutex
	cfg     config
	current *index.Index
	log     *slog.Logger
}

// refresh reads the corpus folder again and updates the index in place; it
// returns the service over the updated index and the new or changed
// articles.
func (l *library) refresh(ctx context.Context) (*answers.Service, []string, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	fsys, err := corpusFS(l.cfg)
	if err != nil {
		return nil, nil, fmt.Errorf("corpus unreadable, index kept: %w", err)
	}
	next, changed, err := l.current.Refresh(ctx, fsys)
	if err != nil {
		return nil, nil, fmt.Errorf("corpus unreadable, index kept: %w", err)
	}
	l.current = next
	return answers.New(next, l.log.With("component", "answers")), changed, nil
}

// reload is /reload: refresh, with a summary for the admin.
func (l *library) reload(ctx context.Context) (bot.Answerer, []string, string, error) {
	svc, changed, err := l.refresh(ctx)
	if err != nil {
		return nil, nil, "", err
	}
	st := l.stats()
	return svc, changed, russian.Plural(st.Articles, "статья", "статьи", "статей") + ", " +
		russian.Plural(st.Passages, "предложение", "предложения", "предложений") + "; новых или изменённых: " + strconv.Itoa(len(changed)), nil
}

func (l *library) stats() index.Stats {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.current.Stats()
}

// close closes the current index (those it replaced share its Bleve index).
func (l *library) close() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.current.Close()
}

// watch updates the index whenever files in the corpus folder change and
// hands the new service to use; with the embedded seeds it does nothing.
func (l *library) watch(ctx context.Context, use func(context.Context, *answers.Service, []string)) {
	if l.cfg.corpusDir == "" {
		return
	}
	// an update rereads the whole folder (minutes for a large archive):
	// after one that took d, the next waits until d has passed, so updates
	// never take more than half the time while files keep arriving
	var took time.Duration
	var ended time.Time
	err := index.Watch(ctx, l.cfg.corpusDir, index.WatchOptions{}, l.log, func(ctx context.Context) {
		if rest := took - time.Since(ended); rest > 0 {
			select {
			case <-ctx.Done():
				return
			case <-time.After(rest):
			}
		}
		start := time.Now()
		svc, changed, err := l.refresh(ctx)
		took, ended = time.Since(start), time.Now()
		if err != nil {
			l.log.Warn("corpus changed but could not be read", "err", err)
			return
		}
		l.log.Info("corpus updated", "new_or_changed", len(changed), "took", took.Round(time.Millisecond))
		use(ctx, svc, changed)
	})
	if err != nil {
		l.log.Warn("the corpus folder is not watched; use /reload after changes", "err", err)
	}
}

// corpusFS is the corpus folder, or the embedded seeds when none is set.
func corpusFS(cfg config) (fs.FS, error) {
	if cfg.corpusDir == "" {
		return seeds.FS(), nil
	}
	st, err := os.Stat(cfg.corpusDir)
	if err != nil {
		return nil, fmt.Errorf("corpus folder: %w", err)
	}
	if !st.IsDir() {
		return nil, fmt.Errorf("corpus folder %s is not a folder", cfg.corpusDir)
	}
	return os.DirFS(cfg.corpusDir), nil
}

func openIndex(ctx context.Context, cfg config, opts index.Options, log *slog.Logger) (*index.Index, error) {
	fsys, err := corpusFS(cfg)
	if err != nil {
		return nil, err
	}
	ix, err := index.Open(ctx, fsys, opts, log.With("component", "index"))
	if err != nil {
		return nil, err
	}
	return ix, nil
}

// ask answers TEXT, or each line of stdin when TEXT is absent.
func ask(ctx context.Context, svc *answers.Service, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	asJSON := false
	if len(args) > 0 && (args[0] == "--json" || args[0] == "-json") {
		asJSON, args = true, args[1:]
	}
	if len(args) > 0 && args[0] == "--" {
		args = args[1:]
	}
	w := bufio.NewWriter(stdout)
	defer w.Flush()
	emit := func(text string) error {
		r := svc.Answer(ctx, text)
		if asJSON {
			b, err := json.Marshal(r)
			if err != nil {
				return err
			}
			_, err = fmt.Fprintf(w, "%s\n", b)
			return err
		}
		_, err := fmt.Fprintf(w, "%s\n\n", r.Text())
		return err
	}
	if len(args) > 0 {
		if err := emit(strings.Join(args, " ")); err != nil {
			fmt.Fprintln(stderr, "corpusbot:", err)
			return 1
		}
		return 0
	}
	lines := newLineReader(stdin)
	for {
		line, ok, err := lines.next()
		if err != nil {
			fmt.Fprintln(stderr, "corpusbot: read stdin:", err)
			return 1
		}
		if !ok {
			break
		}
		if ctx.Err() != nil {
			return 130
		}
		if err := emit(line); err != nil {
			fmt.Fprintln(stderr, "corpusbot:", err)
			return 1
		}
		w.Flush()
	}
	return 0
}
