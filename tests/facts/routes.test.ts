import { describe, expect, it } from 'vitest';
import type { Route } from '../../src/facts/index.js';
import { factsOf } from './helpers.js';

const brief = (r: Route) => `${r.method} ${r.route} -> ${r.handler ?? '(inline)'} [${r.middleware.join(', ')}] @${r.line}`;

describe('Go routes', () => {
  it('net/http with Go 1.22 patterns; a commented-out or merely quoted route is not registered', async () => {
    const facts = await factsOf({
      'cmd/api/main.go': [
        'package main',
        '',
        'import "net/http"',
        '',
        'func main() {',
        '\tmux := http.NewServeMux()',
        '\tmux.HandleFunc("GET /orders/{id}", getOrder)',
        '\tmux.Handle("/healthz", healthHandler{})',
        '\t// mux.HandleFunc("DELETE /orders/{id}", deleteOrder)',
        '\tdocs := "POST /orders is documented elsewhere"',
        '\t_ = docs',
        '\thttp.HandleFunc("/metrics", func(w http.ResponseWriter, r *http.Request) {})',
        '}',
      ].join('\n'),
    });
    expect(facts.routes.map(brief)).toEqual(['GET /orders/{id} -> getOrder [] @7', 'ANY /healthz -> healthHandler{} [] @8', 'ANY /metrics -> (inline) [] @12']);
    expect(facts.routes[0]!.framework).toBe('net/http');
  });

  it('gin groups with middleware and Use; Use after a route does not apply to it', async () => {
    const facts = await factsOf({
      'internal/http/router.go': [
        'package http',
        '',
        'import "github.com/gin-gonic/gin"',
        '',
        'func Routes(r *gin.Engine) {',
        '\tr.GET("/ping", ping)',
        '\tr.Use(gin.Recovery())',
        '\tapi := r.Group("/api/v1", RequireJWT())',
        '\tapi.POST("/orders", RateLimit(10), createOrder)',
        '\tadmin := api.Group("/admin")',
        '\tadmin.Use(AdminOnly)',
        '\tadmin.DELETE("/users/:id", deleteUser)',
        '}',
      ].join('\n'),
    });
    expect(facts.routes.map(brief)).toEqual([
      'GET /ping -> ping [] @6',
      'POST /api/v1/orders -> createOrder [gin.Recovery(), RequireJWT(), RateLimit(10)] @9',
      'DELETE /api/v1/admin/users/:id -> deleteUser [gin.Recovery(), RequireJWT(), AdminOnly] @12',
    ]);
  });

  it('echo (handler before middleware) and chi (Route closures, With, Use)', async () => {
    const facts = await factsOf({
      'echo.go': ['package main', '', 'import "github.com/labstack/echo/v4"', '', 'func setup(e *echo.Echo) {', '\tg := e.Group("/admin", basicAuth)', '\tg.GET("/stats", stats, audit)', '\te.Use(logger)', '}'].join('\n'),
      'chi.go': [
        'package main',
        '',
        'import "github.com/go-chi/chi/v5"',
        '',
        'func router() chi.Router {',
        '\tr := chi.NewRouter()',
        '\tr.Use(requestID)',
        '\tr.With(paginate).Get("/articles", listArticles)',
        '\tr.Route("/users", func(r chi.Router) {',
        '\t\tr.Use(authenticate)',
        '\t\tr.Post("/", createUser)',
        '\t})',
        '\treturn r',
        '}',
      ].join('\n'),
    });
    const byFile = (p: string) => facts.routes.filter((r) => r.path === p).map(brief);
    expect(byFile('echo.go')).toEqual(['GET /admin/stats -> stats [logger, basicAuth, audit] @7']);
    expect(byFile('chi.go')).toEqual(['GET /articles -> listArticles [requestID, paginate] @8', 'POST /users/ -> createUser [requestID, authenticate] @11']);
  });
});

describe('Python routes', () => {
  it('Flask routes with methods, blueprints with url_prefix, before_request and wrapping decorators', async () => {
    const facts = await factsOf({
      'app/views.py': [
        'from flask import Blueprint, Flask',
        'from .auth import login_required',
        '',
        'app = Flask(__name__)',
        'bp = Blueprint("orders", __name__, url_prefix="/orders")',
        '',
        '@bp.before_request',
        'def load_user():',
        '    pass',
        '',
        '@app.route("/", methods=["GET", "POST"])',
        'def index():',
        '    return "ok"',
        '',
        '@bp.get("/<int:order_id>")',
        '@login_required',
        'def show(order_id):',
        '    return str(order_id)',
        '',
        '# @app.route("/old")',
        'def old():',
        '    return "/not/a/route"',
      ].join('\n'),
    });
    expect(facts.routes.map(brief)).toEqual(['GET / -> index [] @11', 'POST / -> index [] @11', 'GET /orders/<int:order_id> -> show [load_user, login_required] @15']);
    expect(facts.routes.every((r) => r.framework === 'flask')).toBe(true);
  });

  it('FastAPI routers, include_router prefixes and Depends in decorator and signature', async () => {
    const facts = await factsOf({
      'api/main.py': ['from fastapi import FastAPI, Depends', 'from api.routers import items', 'from api.security import verify_key', '', 'app = FastAPI()', 'app.include_router(items.router, prefix="/v1", dependencies=[Depends(verify_key)])', ''].join('\n'),
      'api/routers/items.py': [
        'from fastapi import APIRouter, Depends',
        '',
        'router = APIRouter(prefix="/items", dependencies=[Depends(rate_limit)])',
        '',
        '@router.get("/{item_id}")',
        'async def read_item(item_id: int, user=Depends(current_user)):',
        '    return {"id": item_id}',
        '',
        '@router.post("/", dependencies=[Depends(require_admin)])',
        'async def create_item():',
        '    return {}',
      ].join('\n'),
    });
    expect(facts.routes.map(brief)).toEqual([
      'GET /v1/items/{item_id} -> read_item [verify_key, rate_limit, current_user] @5',
      'POST /v1/items/ -> create_item [verify_key, rate_limit, require_admin] @9',
    ]);
  });

  it('Django urls.py, wrappers as middleware; path() elsewhere is not a route', async () => {
    const facts = await factsOf({
      'shop/urls.py': ['from django.urls import include, path, re_path', 'from django.contrib.auth.decorators import login_required', 'from . import views', '', 'urlpatterns = [', '    path("orders/<int:pk>/", login_required(views.order_detail), name="order"),', '    re_path(r"^legacy/$", views.LegacyView.as_view()),', '    path("api/", include("shop.api.urls")),', ']'].join('\n'),
      'shop/util.py': 'import os\n\ndef path(p, v):\n    return p\n\nx = path("not/a/route/", None)\n',
    });
    expect(facts.routes.map(brief)).toEqual(['ANY /orders/<int:pk>/ -> views.order_detail [login_required] @6', 'ANY /legacy/ -> views.LegacyView.as_view() [] @7', 'ANY /api/ -> include("shop.api.urls") [] @8']);
  });
});

describe('JavaScript and TypeScript routes', () => {
  it('Express routes with use middleware, mounted routers and route chains', async () => {
    const facts = await factsOf({
      'src/server.ts': [
        "import express from 'express';",
        "import { requireAuth } from './auth';",
        'const app = express();',
        'const api = express.Router();',
        'app.use(helmet());',
        "api.get('/orders', listOrders);",
        "api.post('/orders', requireAuth, validate(orderSchema), createOrder);",
        "app.use('/api', rateLimit, api);",
        "app.route('/health').get(health).head(health);",
        "app.use(lateLogger);",
        "// app.delete('/orders/:id', removeOrder);",
        "const url = '/orders/export';",
        'const cache = new Map();',
        "cache.get('/orders');",
      ].join('\n'),
    });
    expect(facts.routes.map(brief)).toEqual([
      'GET /api/orders -> listOrders [helmet(), rateLimit] @6',
      'POST /api/orders -> createOrder [helmet(), rateLimit, requireAuth, validate(orderSchema)] @7',
      'GET /health -> health [helmet()] @9',
      'HEAD /health -> health [helmet()] @9',
    ]);
  });

  it('Next.js pages/api and app router route handlers', async () => {
    const facts = await factsOf({
      'pages/api/users/[id].ts': 'export default function handler(req, res) {\n  res.status(200).json({});\n}\n',
      'src/app/(admin)/reports/route.ts': 'export async function GET() {\n  return Response.json([]);\n}\n\nexport async function POST(req: Request) {\n  return Response.json({});\n}\nfunction PATCH() {}\n',
    });
    expect(facts.routes.map((r) => `${r.framework} ${r.method} ${r.route} -> ${r.handler}`)).toEqual(['nextjs ANY /api/users/[id] -> handler', 'nextjs GET /reports -> GET', 'nextjs POST /reports -> POST']);
  });
});
