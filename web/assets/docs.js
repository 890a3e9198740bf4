// The API documentation page: Swagger UI (served from this origin, under /docs/viewer/) renders the
// service's own OpenAPI document. The validator badge is off: it would send the document elsewhere.
const status = document.getElementById('docs-status');

if (typeof window.SwaggerUIBundle !== 'function') {
  status.textContent = '接口文档查看器未能加载，请直接查阅 /v1/openapi.json。';
} else {
  window.SwaggerUIBundle({
    url: '/v1/openapi.json',
    dom_id: '#viewer',
    validatorUrl: null,
    deepLinking: true,
    docExpansion: 'list',
    defaultModelsExpandDepth: 0,
    displayRequestDuration: true,
    presets: [window.SwaggerUIBundle.presets.apis],
    layout: 'BaseLayout',
    onComplete: () => {
      status.textContent = '接口文档已载入。';
    },
  });
}
