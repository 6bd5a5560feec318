// Command meshd runs one node of the gossip mesh.
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"time"

	"github.com/example/meshd/internal/health"
	"github.com/example/meshd/internal/peer"
)

func main() {
	listen := flag.String("listen", ":7946", "address of the HTTP API")
	seed := flag.String("seed", "", "base URL of a seed node")
	probes := flag.String("probe", "", "comma-separated peer URLs to health-check")
	flag.Parse()

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()

	registry := peer.NewRegistry()
	if *seed != "" {
		if _, err := peer.NewClient(*seed, registry).FetchPeers(ctx); err != nil {
			log.Printf("seed %s: %v", *seed, err)
		}
	}

	checker := health.NewChecker(splitList(*probes), 10*time.Second)
	go checker.Start(ctx)

	mux := http.NewServeMux()
	mux.HandleFunc("/healthz", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintln(w, checker.Status())
	})
	mux.HandleFunc("/v1/peers/count", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintln(w, registry.Len())
	})

	srv := &http.Server{Addr: *listen, Handler: mux, ReadHeaderTimeout: 5 * time.Second}
	go func() {
		<-ctx.Done()
		shutdownCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		_ = srv.Shutdown(shutdownCtx)
	}()
	if err := srv.ListenAndServe(); err != nil && err != http.ErrServerClosed {
		log.Fatal(err)
	}
}

func splitList(s string) []string {
	var out []string
	for _, part := range strings.Split(s, ",") {
		if part = strings.TrimSpace(part); part != "" {
			out = append(out, part)
		}
	}
	return out
}
