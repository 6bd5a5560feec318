//go:build ignore

// Command gen-go-stdlib writes data/go-stdlib.json: the import paths of Go's
// standard library and, per package, its exported identifiers (funcs, types,
// vars, consts) and the exported methods of each exported type. claimcheck
// reads the JSON at audit time, so no Go toolchain is needed there; this
// program is run by hand when the index is refreshed:
//
//	go run bench/gen-go-stdlib.go > data/go-stdlib.json
//
// It parses every non-test file of every package under $(go env GOROOT)/src
// (all GOOS/GOARCH variants together: a name that exists on any platform
// exists), skipping cmd/, vendor/, testdata/ and files built only with the
// `ignore` tag (stand-alone generators, not part of the package).
//
// The toolchain on the machine that made the index may be older than the code
// audited. The `newer` table below lists, from the Go release notes, the
// packages and package-level names added after it, so that code written for a
// newer Go is not reported for using them. Only names the release notes list
// are there; rules treat any other unknown name with care (see
// src/rules/builtin/go/stdlib.ts).
package main

import (
	"encoding/json"
	"go/ast"
	"go/build/constraint"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
)

type pkgInfo struct {
	Name    string              `json:"name"`
	Funcs   []string            `json:"funcs"`
	Types   []string            `json:"types"`
	Vars    []string            `json:"vars"`
	Consts  []string            `json:"consts"`
	Methods map[string][]string `json:"methods"`
	// Exported names that only the package's own _test.go files declare
	// (export_test.go): visible to the package's external tests.
	TestNames []string `json:"testNames,omitempty"`
}

type newerPkg struct {
	Since string   `json:"since"`
	Name  string   `json:"name"`
	Names []string `json:"names,omitempty"`
}

type index struct {
	Go          string              `json:"go"`
	GeneratedBy string              `json:"generatedBy"`
	Packages    map[string]*pkgInfo `json:"packages"`
	NewerPkgs   map[string]newerPkg `json:"newerPackages"`
	NewerNames  map[string][]string `json:"newerNames"`
}

// Packages added after go1.19, from the release notes (go1.20 … go1.24).
// Names are listed where the package is small enough to list them; where
// they are not, rules know the package exists but not its names.
var newerPackages = map[string]newerPkg{
	"crypto/ecdh":            {Since: "go1.20", Name: "ecdh"},
	"cmp":                    {Since: "go1.21", Name: "cmp", Names: []string{"Compare", "Less", "Or", "Ordered"}},
	"log/slog":               {Since: "go1.21", Name: "slog"},
	"maps":                   {Since: "go1.21", Name: "maps", Names: []string{"All", "Clone", "Collect", "Copy", "DeleteFunc", "Equal", "EqualFunc", "Insert", "Keys", "Values"}},
	"slices":                 {Since: "go1.21", Name: "slices"},
	"testing/slogtest":       {Since: "go1.21", Name: "slogtest"},
	"go/version":             {Since: "go1.22", Name: "version", Names: []string{"Compare", "IsValid", "Lang"}},
	"math/rand/v2":           {Since: "go1.22", Name: "rand"},
	"iter":                   {Since: "go1.23", Name: "iter", Names: []string{"Pull", "Pull2", "Seq", "Seq2"}},
	"structs":                {Since: "go1.23", Name: "structs", Names: []string{"HostLayout"}},
	"unique":                 {Since: "go1.23", Name: "unique", Names: []string{"Handle", "Make"}},
	"crypto/hkdf":            {Since: "go1.24", Name: "hkdf"},
	"crypto/mlkem":           {Since: "go1.24", Name: "mlkem"},
	"crypto/pbkdf2":          {Since: "go1.24", Name: "pbkdf2"},
	"crypto/sha3":            {Since: "go1.24", Name: "sha3"},
	"crypto/fips140":         {Since: "go1.24", Name: "fips140"},
	"weak":                   {Since: "go1.24", Name: "weak", Names: []string{"Make", "Pointer"}},
	"testing/synctest":       {Since: "go1.24", Name: "synctest"},
	"encoding/json/v2":       {Since: "go1.25", Name: "json"},
	"encoding/json/jsontext": {Since: "go1.25", Name: "jsontext"},
}

// Package-level names added to existing packages after go1.19, from the
// release notes. Methods are not listed: the index's methods are informative.
var newerNames = map[string][]string{
	"bytes":             {"Clone", "CutPrefix", "CutSuffix", "ContainsFunc", "Lines", "SplitSeq", "SplitAfterSeq", "FieldsSeq", "FieldsFuncSeq"},
	"context":           {"AfterFunc", "Cause", "CancelCauseFunc", "WithCancelCause", "WithDeadlineCause", "WithTimeoutCause", "WithoutCancel"},
	"crypto/rand":       {"Text"},
	"crypto/tls":        {"QUICConn", "QUICConfig", "QUICEncryptionLevel", "QUICEvent", "QUICEventKind", "QUICClient", "QUICServer", "QUICSessionTicketOptions", "SessionState", "ParseSessionState", "NewResumptionState", "ClientSessionState", "ECHRejectionError", "EncryptedClientHelloKey", "CertificateVerificationError", "X25519MLKEM768", "VersionName"},
	"crypto/x509":       {"OID", "OIDFromInts", "ParseOID"},
	"database/sql":      {"Null"},
	"debug/elf":         {"R_LARCH", "R_PPC64_REL24_P9NOTOC", "COMPRESS_ZSTD", "EM_LOONGARCH"},
	"encoding":          {"TextAppender", "BinaryAppender"},
	"errors":            {"ErrUnsupported", "Join"},
	"flag":              {"BoolFunc"},
	"go/ast":            {"IsGenerated", "Unparen", "Preorder", "PreorderStack"},
	"go/build":          {"Directive"},
	"go/token":          {"IsExported", "IsIdentifier", "IsKeyword"},
	"go/types":          {"Alias", "NewAlias", "Unalias", "TypeParam", "Interface"},
	"hash/maphash":      {"Comparable", "WriteComparable"},
	"html/template":     {"ErrJSTemplate"},
	"io":                {"OffsetWriter", "NewOffsetWriter"},
	"io/fs":             {"FileInfoToDirEntry", "FormatDirEntry", "FormatFileInfo", "ReadLinkFS", "Lstat", "ReadLink"},
	"log/syslog":        {},
	"math/big":          {},
	"math/rand":         {},
	"mime/multipart":    {"FileContentDisposition"},
	"net":               {"KeepAliveConfig"},
	"net/http":          {"ErrSchemeMismatch", "NewResponseController", "ResponseController", "ServeFileFS", "FileServerFS", "NewFileTransportFS", "HTTP2Config", "Protocols", "ParseCookie", "ParseSetCookie", "CrossOriginProtection", "NewCrossOriginProtection"},
	"net/http/httputil": {"ProxyRequest"},
	"net/netip":         {},
	"os":                {"CopyFS", "DirFS", "Root", "OpenRoot", "OpenInRoot"},
	"path/filepath":     {"IsLocal", "Localize"},
	"reflect":           {"SliceAt", "TypeFor"},
	"regexp":            {},
	"runtime":           {"Pinner", "AddCleanup", "Cleanup"},
	"runtime/debug":     {"SetMemoryLimit", "WriteHeapDump", "SetCrashOutput", "CrashOptions"},
	"runtime/trace":     {"FlightRecorder", "FlightRecorderConfig", "NewFlightRecorder"},
	"sort":              {},
	"strconv":           {"QuotedPrefix"},
	"strings":           {"CutPrefix", "CutSuffix", "ContainsFunc", "Lines", "SplitSeq", "SplitAfterSeq", "FieldsSeq", "FieldsFuncSeq"},
	"sync":              {"OnceFunc", "OnceValue", "OnceValues"},
	"sync/atomic":       {"AndInt32", "AndInt64", "AndUint32", "AndUint64", "AndUintptr", "OrInt32", "OrInt64", "OrUint32", "OrUint64", "OrUintptr"},
	"syscall":           {},
	"testing":           {"Testing"},
	"testing/fstest":    {},
	"time":              {"DateTime", "DateOnly", "TimeOnly"},
	"unicode":           {},
	"unicode/utf16":     {"AppendRune", "RuneLen"},
	"unsafe":            {"String", "StringData", "SliceData"},
}

func main() {
	// GOROOT/src is a symbolic link on Debian; WalkDir does not follow one.
	root, err := filepath.EvalSymlinks(filepath.Join(runtime.GOROOT(), "src"))
	if err != nil {
		panic(err)
	}
	idx := index{
		Go:          runtime.Version(),
		GeneratedBy: "go run bench/gen-go-stdlib.go > data/go-stdlib.json",
		Packages:    map[string]*pkgInfo{},
		NewerPkgs:   newerPackages,
		NewerNames:  map[string][]string{},
	}
	for k, v := range newerNames {
		if len(v) > 0 {
			idx.NewerNames[k] = v
		}
	}
	err = filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			return nil
		}
		rel, _ := filepath.Rel(root, path)
		rel = filepath.ToSlash(rel)
		base := d.Name()
		if rel != "." && (base == "testdata" || base == "vendor" || strings.HasPrefix(base, ".") || strings.HasPrefix(base, "_") || rel == "cmd" || rel == "builtin") {
			return filepath.SkipDir
		}
		if rel == "." {
			return nil
		}
		if p := readPackage(path); p != nil {
			idx.Packages[rel] = p
		}
		return nil
	})
	if err != nil {
		panic(err)
	}
	enc := json.NewEncoder(os.Stdout)
	enc.SetIndent("", " ")
	if err := enc.Encode(idx); err != nil {
		panic(err)
	}
}

// readPackage collects the exported names of the non-test, non-ignored files
// of one directory; nil when it holds no such file.
func readPackage(dir string) *pkgInfo {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil
	}
	fset := token.NewFileSet()
	sets := map[string]map[string]bool{"funcs": {}, "types": {}, "vars": {}, "consts": {}}
	methods := map[string]map[string]bool{}
	names := map[string]int{}
	var testFiles []*ast.File
	for _, e := range entries {
		n := e.Name()
		if e.IsDir() || !strings.HasSuffix(n, ".go") {
			continue
		}
		f, err := parser.ParseFile(fset, filepath.Join(dir, n), nil, parser.ParseComments)
		if err != nil || ignored(f) {
			continue
		}
		if strings.HasSuffix(n, "_test.go") {
			if !strings.HasSuffix(f.Name.Name, "_test") {
				testFiles = append(testFiles, f)
			}
			continue
		}
		names[f.Name.Name]++
		for _, decl := range f.Decls {
			switch d := decl.(type) {
			case *ast.FuncDecl:
				if !d.Name.IsExported() {
					continue
				}
				if d.Recv == nil {
					sets["funcs"][d.Name.Name] = true
				} else if t := recvType(d.Recv.List[0].Type); t != "" && ast.IsExported(t) {
					add(methods, t, d.Name.Name)
				}
			case *ast.GenDecl:
				for _, spec := range d.Specs {
					switch s := spec.(type) {
					case *ast.TypeSpec:
						if !s.Name.IsExported() {
							continue
						}
						sets["types"][s.Name.Name] = true
						if it, ok := s.Type.(*ast.InterfaceType); ok {
							for _, m := range it.Methods.List {
								for _, mn := range m.Names {
									if mn.IsExported() {
										add(methods, s.Name.Name, mn.Name)
									}
								}
							}
						}
					case *ast.ValueSpec:
						kind := "vars"
						if d.Tok == token.CONST {
							kind = "consts"
						}
						for _, vn := range s.Names {
							if vn.IsExported() {
								sets[kind][vn.Name] = true
							}
						}
					}
				}
			}
		}
	}
	if len(names) == 0 {
		return nil
	}
	// A directory's package is the name most of its files declare
	// (a stray `package main` generator without the ignore tag loses).
	best, bestN := "", 0
	for n, c := range names {
		if c > bestN || (c == bestN && n < best) {
			best, bestN = n, c
		}
	}
	p := &pkgInfo{Name: best, Methods: map[string][]string{}}
	p.Funcs, p.Types, p.Vars, p.Consts = sorted(sets["funcs"]), sorted(sets["types"]), sorted(sets["vars"]), sorted(sets["consts"])
	for t, ms := range methods {
		p.Methods[t] = sorted(ms)
	}
	testNames := map[string]bool{}
	for _, f := range testFiles {
		for name, obj := range f.Scope.Objects {
			if ast.IsExported(name) && obj.Kind != ast.Bad {
				testNames[name] = true
			}
		}
	}
	p.TestNames = sorted(testNames)
	return p
}

func ignored(f *ast.File) bool {
	for _, cg := range f.Comments {
		if cg.Pos() >= f.Package {
			break
		}
		for _, c := range cg.List {
			if !constraint.IsGoBuild(c.Text) {
				continue
			}
			expr, err := constraint.Parse(c.Text)
			if err != nil {
				continue
			}
			// Only the `ignore` tag keeps a file out of every build; any
			// other constraint holds on some platform.
			mentionsIgnore := false
			expr.Eval(func(tag string) bool {
				if tag == "ignore" {
					mentionsIgnore = true
				}
				return false
			})
			if mentionsIgnore {
				return true
			}
		}
	}
	return false
}

func recvType(e ast.Expr) string {
	for {
		switch t := e.(type) {
		case *ast.StarExpr:
			e = t.X
		case *ast.IndexExpr:
			e = t.X
		case *ast.IndexListExpr:
			e = t.X
		case *ast.ParenExpr:
			e = t.X
		case *ast.Ident:
			return t.Name
		default:
			return ""
		}
	}
}

func add(m map[string]map[string]bool, k, v string) {
	if m[k] == nil {
		m[k] = map[string]bool{}
	}
	m[k][v] = true
}

func sorted(s map[string]bool) []string {
	out := make([]string, 0, len(s))
	for k := range s {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
