package main

import (
	"bufio"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"

	"github.com/joho/godotenv"
)

// errDotEnv reports a .env file that cannot be read; its message names the
// line, never a value, because the values are secrets.
var errDotEnv = errors.New(".env")

// loadDotEnv loads .env into the environment when the file exists. Each
// line must be blank, a # comment or NAME=value (optionally after
// "export"), with matched quotes; otherwise nothing is loaded.
func loadDotEnv(path string) error {
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("%w: cannot read %s", errDotEnv, path)
	}
	sc := bufio.NewScanner(strings.NewReader(string(b)))
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for n := 1; sc.Scan(); n++ {
		if problem := dotEnvLine(sc.Text()); problem != "" {
			return fmt.Errorf("%w: line %d: %s", errDotEnv, n, problem)
		}
	}
	if sc.Err() != nil {
		return fmt.Errorf("%w: a line is too long", errDotEnv)
	}
	vars, err := godotenv.Unmarshal(string(b))
	if err != nil {
		return fmt.Errorf("%w: the file does not parse", errDotEnv) // godotenv's message may quote a value
	}
	for k, v := range vars {
		if _, set := os.LookupEnv(k); !set { // the real environment wins
			if err := os.Setenv(k, v); err != nil {
				return fmt.Errorf("%w: cannot set %s", errDotEnv, k)
			}
		}
	}
	return nil
}

// dotEnvLine returns what is wrong with one line, "" when nothing is.
func dotEnvLine(line string) string {
	t := strings.TrimSpace(line)
	if t == "" || strings.HasPrefix(t, "#") {
		return ""
	}
	t = strings.TrimPrefix(t, "export ")
	name, value, ok := strings.Cut(t, "=")
	if !ok {
		return "no «=» (want NAME=value)"
	}
	name = strings.TrimSpace(name)
	if name == "" || strings.ContainsAny(name, " \t\"'") {
		return "the name before «=» is not a variable name"
	}
	value = strings.TrimSpace(value)
	for _, q := range []string{`"`, `'`} {
		if strings.HasPrefix(value, q) {
			rest := value[1:]
			end := strings.LastIndex(rest, q)
			if end < 0 {
				return "a quoted value is not closed on its line"
			}
			if tail := strings.TrimSpace(rest[end+1:]); tail != "" && !strings.HasPrefix(tail, "#") {
				return "text after the closing quote"
			}
		}
	}
	return ""
}
