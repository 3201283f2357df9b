// The OpenAPI document of the API; see openapi.h. Keep it in step with api.cc's routes
// (server_test checks that the paths and methods agree).
#include "server/openapi.h"

namespace bw::server {

std::string_view OpenApiDocument() {
  static constexpr std::string_view kDocument = R"json({
  "openapi": "3.1.0",
  "info": {
    "title": "Bellwether API",
    "version": "1",
    "description": "The HTTP API of `bellwether serve` (shared/spec/api.md). Figures are the objects of metrics.md, byte for byte the JSON of the CLI's --format json. Errors: {\"error\": {\"code\", \"message\", \"field\"}}."
  },
  "servers": [
    {
      "url": "/"
    }
  ],
  "security": [
    {
      "session": []
    },
    {
      "bearer": []
    }
  ],
  "paths": {
    "/healthz": {
      "get": {
        "summary": "The process is up",
        "tags": [
          "operations"
        ],
        "responses": {
          "200": {
            "description": "OK",
            "content": {
              "application/json": {
                "schema": {
                  "type": "object"
                }
              }
            }
          },
          "503": {
            "$ref": "#/components/responses/Error"
          }
        },
        "security": []
      }
    },
    "/readyz": {
      "get": {
        "summary": "The store is reachable and a snapshot is loaded",
        "tags": [
          "operations"
        ],
        "responses": {
          "200": {
            "description": "OK",
            "content": {
              "application/json": {
                "schema": {
                  "type": "object"
                }
              }
            }
          },
          "503": {
            "$ref": "#/components/responses/Error"
          }
        },
        "security": []
      }
    },
    "/metrics": {
      "get": {
        "summary": "Prometheus metrics: requests by route and status, latency, snapshot age and build time, store errors",
        "tags": [
          "operations"
        ],
        "responses": {
          "200": {
            "description": "OK",
            "content": {
              "text/plain": {
                "schema": {
                  "type": "string"
                }
              }
            }
          },
          "503": {
            "$ref": "#/components/responses/Error"
          }
        },
        "security": []
      }
    },
    "/": {
      "get": {
        "summary": "The web dashboard (a placeholder page until it exists)",
        "tags": [
          "operations"
        ],
        "responses": {
          "200": {
            "description": "OK",
            "content": {
              "text/html": {
                "schema": {
                  "type": "string"
                }
              }
            }
          },
          "503": {
            "$ref": "#/components/responses/Error"
          }
        },
        "security": []
      }
    },
    "/api/v1/openapi.json": {
      "get": {
        "summary": "This document",
        "tags": [
          "operations"
        ],
        "responses": {
          "200": {
            "description": "OK",
            "content": {
              "application/json": {
                "schema": {
                  "type": "object"
                }
              }
            }
          },
          "503": {
            "$ref": "#/components/responses/Error"
          }
        },
        "security": []
      }
    },
    "/api/v1/session": {
      "post": {
        "summary": "Log in: sets the session cookie and answers the user and the CSRF token",
        "tags": [
          "sessions"
        ],
        "responses": {
          "200": {
            "description": "OK",
            "content": {
              "application/json": {
                "schema": {
                  "type": "object"
                }
              }
            }
          },
          "503": {
            "$ref": "#/components/responses/Error"
          }
        },
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "type": "object",
                "additionalProperties": false,
                "required": [
                  "email",
                  "password"
                ],
                "properties": {
                  "email": {
                    "type": "string"
                  },
                  "password": {
                    "type": "string"
                  }
                }
              }
            }
          }
        },
        "security": []
      },
      "get": {
        "summary": "The current user (and CSRF token of a session)",
        "tags": [
          "sessions"
        ],
        "responses": {
          "200": {
            "description": "OK",
            "content": {
              "application/json": {
                "schema": {
                  "type": "object"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/Error"
          },
          "401": {
            "$ref": "#/components/responses/Error"
          },
          "403": {
            "$ref": "#/components/responses/Error"
          },
          "404": {
            "$ref": "#/components/responses/Error"
          },
          "429": {
            "$ref": "#/components/responses/Error"
          },
          "503": {
            "$ref": "#/components/responses/Error"
          }
        }
      },
      "delete": {
        "summary": "Log out (needs X-CSRF-Token)",
        "tags": [
          "sessions"
        ],
        "responses": {
          "204": {
            "description": "Logged out"
          },
          "400": {
            "$ref": "#/components/responses/Error"
          },
          "401": {
            "$ref": "#/components/responses/Error"
          },
          "403": {
            "$ref": "#/components/responses/Error"
          },
          "404": {
            "$ref": "#/components/responses/Error"
          },
          "429": {
            "$ref": "#/components/responses/Error"
          },
          "503": {
            "$ref": "#/components/responses/Error"
          }
        }
      }
    },
    "/api/v1/metrics/summary": {
      "get": {
        "summary": "The summary object (metrics.md)",
        "tags": [
          "figures"
        ],
        "responses": {
          "200": {
            "description": "OK",
            "content": {
              "application/json": {
                "schema": {
                  "type": "object"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/Error"
          },
          "401": {
            "$ref": "#/components/responses/Error"
          },
          "403": {
            "$ref": "#/components/responses/Error"
          },
          "404": {
            "$ref": "#/components/responses/Error"
          },
          "429": {
            "$ref": "#/components/responses/Error"
          },
          "503": {
            "$ref": "#/components/responses/Error"
          }
        },
        "parameters": [
          {
            "$ref": "#/components/parameters/as_of"
          }
        ]
      }
    },
    "/api/v1/accounts": {
      "get": {
        "summary": "The account rows, filtered, sorted and paged: {as_of, total, limit, offset, accounts}",
        "tags": [
          "figures"
        ],
        "responses": {
          "200": {
            "description": "OK",
            "content": {
              "application/json": {
                "schema": {
                  "type": "object"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/Error"
          },
          "401": {
            "$ref": "#/components/responses/Error"
          },
          "403": {
            "$ref": "#/components/responses/Error"
          },
          "404": {
            "$ref": "#/components/responses/Error"
          },
          "429": {
            "$ref": "#/components/responses/Error"
          },
          "503": {
            "$ref": "#/components/responses/Error"
          }
        },
        "parameters": [
          {
            "$ref": "#/components/parameters/as_of"
          },
          {
            "name": "tier",
            "in": "query",
            "required": false,
            "description": "A, B or C (several: A|B; negate with a leading !)",
            "schema": {
              "type": "string"
            }
          },
          {
            "name": "category",
            "in": "query",
            "required": false,
            "description": "promoter, passive, detractor, non_responder",
            "schema": {
              "type": "string"
            }
          },
          {
            "name": "quadrant",
            "in": "query",
            "required": false,
            "description": "matrix quadrant",
            "schema": {
              "type": "string"
            }
          },
          {
            "name": "owner",
            "in": "query",
            "required": false,
            "description": "account owner (email)",
            "schema": {
              "type": "string"
            }
          },
          {
            "name": "industry",
            "in": "query",
            "required": false,
            "description": "industry",
            "schema": {
              "type": "string"
            }
          },
          {
            "name": "region",
            "in": "query",
            "required": false,
            "description": "region",
            "schema": {
              "type": "string"
            }
          },
          {
            "name": "colour",
            "in": "query",
            "required": false,
            "description": "health colour: green, yellow, red",
            "schema": {
              "type": "string"
            }
          },
          {
            "name": "flag",
            "in": "query",
            "required": false,
            "description": "account flag, e.g. silent",
            "schema": {
              "type": "string"
            }
          },
          {
            "name": "class",
            "in": "query",
            "required": false,
            "description": "engagement class A-D",
            "schema": {
              "type": "string"
            }
          },
          {
            "name": "q",
            "in": "query",
            "required": false,
            "description": "case-insensitive text in the account id or name",
            "schema": {
              "type": "string"
            }
          },
          {
            "name": "sort",
            "in": "query",
            "required": false,
            "description": "FIELD ascending or -FIELD descending: ttm, score, health, health_change, days_since_last, name, account_id, tier",
            "schema": {
              "type": "string"
            }
          },
          {
            "$ref": "#/components/parameters/limit"
          },
          {
            "$ref": "#/components/parameters/offset"
          }
        ]
      }
    },
    "/api/v1/accounts.csv": {
      "get": {
        "summary": "The filtered account rows as spreadsheet-safe CSV (never paged)",
        "tags": [
          "figures"
        ],
        "responses": {
          "200": {
            "description": "OK",
            "content": {
              "text/csv": {
                "schema": {
                  "type": "string"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/Error"
          },
          "401": {
            "$ref": "#/components/responses/Error"
          },
          "403": {
            "$ref": "#/components/responses/Error"
          },
          "404": {
            "$ref": "#/components/responses/Error"
          },
          "429": {
            "$ref": "#/components/responses/Error"
          },
          "503": {
            "$ref": "#/components/responses/Error"
          }
        },
        "parameters": [
          {
            "$ref": "#/components/parameters/as_of"
          },
          {
            "name": "tier",
            "in": "query",
            "required": false,
            "description": "A, B or C (several: A|B; negate with a leading !)",
            "schema": {
              "type": "string"
            }
          },
          {
            "name": "category",
            "in": "query",
            "required": false,
            "description": "promoter, passive, detractor, non_responder",
            "schema": {
              "type": "string"
            }
          },
          {
            "name": "quadrant",
            "in": "query",
            "required": false,
            "description": "matrix quadrant",
            "schema": {
              "type": "string"
            }
          },
          {
            "name": "owner",
            "in": "query",
            "required": false,
            "description": "account owner (email)",
            "schema": {
              "type": "string"
            }
          },
          {
            "name": "industry",
            "in": "query",
            "required": false,
            "description": "industry",
            "schema": {
              "type": "string"
            }
          },
          {
            "name": "region",
            "in": "query",
            "required": false,
            "description": "region",
            "schema": {
              "type": "string"
            }
          },
          {
            "name": "colour",
            "in": "query",
            "required": false,
            "description": "health colour: green, yellow, red",
            "schema": {
              "type": "string"
            }
          },
          {
            "name": "flag",
            "in": "query",
            "required": false,
            "description": "account flag, e.g. silent",
            "schema": {
              "type": "string"
            }
          },
          {
            "name": "class",
            "in": "query",
            "required": false,
            "description": "engagement class A-D",
            "schema": {
              "type": "string"
            }
          },
          {
            "name": "q",
            "in": "query",
            "required": false,
            "description": "case-insensitive text in the account id or name",
            "schema": {
              "type": "string"
            }
          },
          {
            "name": "sort",
            "in": "query",
            "required": false,
            "description": "FIELD ascending or -FIELD descending: ttm, score, health, health_change, days_since_last, name, account_id, tier",
            "schema": {
              "type": "string"
            }
          }
        ]
      }
    },
    "/api/v1/accounts/{id}": {
      "get": {
        "summary": "The account 360 object",
        "tags": [
          "figures"
        ],
        "responses": {
          "200": {
            "description": "OK",
            "content": {
              "application/json": {
                "schema": {
                  "type": "object"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/Error"
          },
          "401": {
            "$ref": "#/components/responses/Error"
          },
          "403": {
            "$ref": "#/components/responses/Error"
          },
          "404": {
            "$ref": "#/components/responses/Error"
          },
          "429": {
            "$ref": "#/components/responses/Error"
          },
          "503": {
            "$ref": "#/components/responses/Error"
          }
        },
        "parameters": [
          {
            "name": "id",
            "in": "path",
            "required": true,
            "schema": {
              "type": "string"
            }
          },
          {
            "$ref": "#/components/parameters/as_of"
          }
        ]
      }
    },
    "/api/v1/reports/{name}": {
      "get": {
        "summary": "A report object: matrix, lifecycle, drivers, retention, touchpoints, responses, health-check, campaign (campaign takes baseline, followup and optionally classified_on)",
        "tags": [
          "figures"
        ],
        "responses": {
          "200": {
            "description": "OK",
            "content": {
              "application/json": {
                "schema": {
                  "type": "object"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/Error"
          },
          "401": {
            "$ref": "#/components/responses/Error"
          },
          "403": {
            "$ref": "#/components/responses/Error"
          },
          "404": {
            "$ref": "#/components/responses/Error"
          },
          "429": {
            "$ref": "#/components/responses/Error"
          },
          "503": {
            "$ref": "#/components/responses/Error"
          }
        },
        "parameters": [
          {
            "name": "name",
            "in": "path",
            "required": true,
            "schema": {
              "type": "string",
              "enum": [
                "matrix",
                "lifecycle",
                "drivers",
                "retention",
                "touchpoints",
                "responses",
                "health-check",
                "campaign"
              ]
            }
          },
          {
            "$ref": "#/components/parameters/as_of"
          },
          {
            "name": "baseline",
            "in": "query",
            "required": false,
            "description": "campaign: baseline survey wave",
            "schema": {
              "type": "string"
            }
          },
          {
            "name": "followup",
            "in": "query",
            "required": false,
            "description": "campaign: follow-up survey wave",
            "schema": {
              "type": "string"
            }
          },
          {
            "name": "classified_on",
            "in": "query",
            "required": false,
            "description": "campaign: date of the engagement classes",
            "schema": {
              "type": "string"
            }
          }
        ]
      }
    },
    "/api/v1/reports/simulate": {
      "post": {
        "summary": "The revenue simulator for a scenario",
        "tags": [
          "figures"
        ],
        "responses": {
          "200": {
            "description": "OK",
            "content": {
              "application/json": {
                "schema": {
                  "type": "object"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/Error"
          },
          "401": {
            "$ref": "#/components/responses/Error"
          },
          "403": {
            "$ref": "#/components/responses/Error"
          },
          "404": {
            "$ref": "#/components/responses/Error"
          },
          "429": {
            "$ref": "#/components/responses/Error"
          },
          "503": {
            "$ref": "#/components/responses/Error"
          }
        },
        "parameters": [
          {
            "$ref": "#/components/parameters/as_of"
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "type": "object",
                "additionalProperties": false,
                "properties": {
                  "moves": {
                    "type": "array",
                    "items": {
                      "type": "object",
                      "additionalProperties": false,
                      "required": [
                        "from",
                        "to",
                        "share"
                      ],
                      "properties": {
                        "from": {
                          "type": "string"
                        },
                        "to": {
                          "type": "string"
                        },
                        "share": {
                          "type": "number",
                          "minimum": 0,
                          "maximum": 1
                        }
                      }
                    }
                  },
                  "target_nps": {
                    "type": [
                      "number",
                      "null"
                    ]
                  }
                }
              }
            }
          }
        }
      }
    },
    "/api/v1/audit": {
      "get": {
        "summary": "Admin: who changed what, when, newest first: {total, limit, offset, items}",
        "tags": [
          "administration"
        ],
        "responses": {
          "200": {
            "description": "OK",
            "content": {
              "application/json": {
                "schema": {
                  "type": "object"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/Error"
          },
          "401": {
            "$ref": "#/components/responses/Error"
          },
          "403": {
            "$ref": "#/components/responses/Error"
          },
          "404": {
            "$ref": "#/components/responses/Error"
          },
          "429": {
            "$ref": "#/components/responses/Error"
          },
          "503": {
            "$ref": "#/components/responses/Error"
          }
        },
        "parameters": [
          {
            "$ref": "#/components/parameters/limit"
          },
          {
            "$ref": "#/components/parameters/offset"
          }
        ]
      }
    }
  },
  "components": {
    "securitySchemes": {
      "session": {
        "type": "apiKey",
        "in": "cookie",
        "name": "bw_session",
        "description": "Set by POST /api/v1/session; state changes also need the X-CSRF-Token header."
      },
      "bearer": {
        "type": "http",
        "scheme": "bearer",
        "description": "An API token from `bellwether token create` (bw_...)."
      }
    },
    "parameters": {
      "as_of": {
        "name": "as_of",
        "in": "query",
        "required": false,
        "description": "YYYY-MM-DD; default the last day of the last complete month",
        "schema": {
          "type": "string",
          "format": "date"
        }
      },
      "limit": {
        "name": "limit",
        "in": "query",
        "required": false,
        "description": "default 100, at most 1000",
        "schema": {
          "type": "integer",
          "minimum": 0,
          "maximum": 1000
        }
      },
      "offset": {
        "name": "offset",
        "in": "query",
        "required": false,
        "schema": {
          "type": "integer",
          "minimum": 0
        }
      }
    },
    "responses": {
      "Error": {
        "description": "An error: invalid (400), unauthenticated (401), forbidden or csrf (403), not_found (404), conflict (409), too_large (413), throttled (429, Retry-After), unavailable (503)",
        "content": {
          "application/json": {
            "schema": {
              "type": "object",
              "required": [
                "error"
              ],
              "properties": {
                "error": {
                  "type": "object",
                  "required": [
                    "code",
                    "message",
                    "field"
                  ],
                  "properties": {
                    "code": {
                      "type": "string"
                    },
                    "message": {
                      "type": "string"
                    },
                    "field": {
                      "type": [
                        "string",
                        "null"
                      ]
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
  }
}
)json";
  return kDocument;
}

}  // namespace bw::server
