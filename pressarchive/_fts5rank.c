/*
 * pa_bm25(): SQLite's FTS5 bm25 with the inverse document frequencies given by the caller.
 *
 * FTS5's own bm25() walks every query phrase's whole document list to count the documents
 * that hold it, on every query; for a Vietnamese syllable found in most articles that walk
 * is the slowest part of a search. pressarchive keeps those counts in the `search_terms`
 * table and passes the resulting IDFs in:
 *
 *     pa_bm25(articles_fts, w0, ..., w[ncol-1], idf0, ..., idf[n-1])
 *     pa_bm25(articles_fts, w0, ..., w[ncol-1], 'idf0 idf1 ... idf[n-1]')
 *
 * One weight per column, then one IDF per scored phrase, as numbers or all in one text
 * (SQLite allows a function at most 127 arguments, so a query of more than ~120 words
 * passes its IDFs as text); phrases after the n-th (the
 * search filters pushed into the index) are not scored. The per-row formula is FTS5's
 * (k1 = 1.2, b = 0.75, the row's token count against the average), so with exact IDFs the
 * result equals bm25(articles_fts, w0, ...).
 *
 * pa_phrases(articles_fts) describes the query's phrases (see below).
 *
 * Importing this module (a Python extension, linked to the same libsqlite3 as Python's
 * sqlite3 module) registers the function in every SQLite connection opened afterwards,
 * through sqlite3_auto_extension().
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <sqlite3.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define K1 1.2
#define B 0.75

typedef struct {
  int nCol;
  int nScored;
  double avgdl;
  double *weights; /* nCol */
  double *idf;     /* nScored */
} RankData;

static void rank_data_free(void *p) { sqlite3_free(p); }

static RankData *rank_data(const Fts5ExtensionApi *api, Fts5Context *fts, int nVal,
                           sqlite3_value **apVal, int *rc) {
  RankData *data = (RankData *)api->xGetAuxdata(fts, 0);
  if (data) return data;
  int nCol = api->xColumnCount(fts);
  int nScored = nVal - nCol;
  if (nScored < 0) {
    *rc = SQLITE_ERROR;
    return NULL;
  }
  int nPhrase = api->xPhraseCount(fts);
  const char *listed = NULL;
  if (nScored == 1 && sqlite3_value_type(apVal[nCol]) == SQLITE_TEXT) {
    listed = (const char *)sqlite3_value_text(apVal[nCol]);
    nScored = 0;
    for (const char *p = listed; p && *p;) { /* count the numbers in the text */
      while (*p == ' ' || *p == ',') p++;
      if (!*p) break;
      nScored++;
      while (*p && *p != ' ' && *p != ',') p++;
    }
  }
  if (nScored > nPhrase) nScored = nPhrase;
  data = sqlite3_malloc64(sizeof(RankData) + sizeof(double) * (nCol + nScored));
  if (!data) {
    *rc = SQLITE_NOMEM;
    return NULL;
  }
  data->nCol = nCol;
  data->nScored = nScored;
  data->weights = (double *)&data[1];
  data->idf = &data->weights[nCol];
  for (int i = 0; i < nCol; i++) data->weights[i] = sqlite3_value_double(apVal[i]);
  if (listed) {
    const char *p = listed;
    for (int i = 0; i < nScored; i++) {
      while (*p == ' ' || *p == ',') p++;
      char *end = NULL;
      data->idf[i] = strtod(p, &end);
      p = end && end > p ? end : p + strlen(p);
    }
  } else {
    for (int i = 0; i < nScored; i++) data->idf[i] = sqlite3_value_double(apVal[nCol + i]);
  }
  sqlite3_int64 rows = 0, tokens = 0;
  *rc = api->xRowCount(fts, &rows);
  if (*rc == SQLITE_OK) *rc = api->xColumnTotalSize(fts, -1, &tokens);
  if (*rc != SQLITE_OK) {
    sqlite3_free(data);
    return NULL;
  }
  data->avgdl = rows > 0 ? (double)tokens / (double)rows : 1.0;
  if (data->avgdl <= 0) data->avgdl = 1.0;
  *rc = api->xSetAuxdata(fts, data, rank_data_free);
  if (*rc != SQLITE_OK) return NULL; /* xSetAuxdata frees data on error */
  return data;
}

static void pa_bm25(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *ctx,
                    int nVal, sqlite3_value **apVal) {
  int rc = SQLITE_OK;
  RankData *data = rank_data(api, fts, nVal, apVal, &rc);
  if (!data) {
    if (rc == SQLITE_ERROR)
      sqlite3_result_error(ctx, "pa_bm25: give one weight per column, then the IDFs", -1);
    else
      sqlite3_result_error_code(ctx, rc);
    return;
  }
  int length = 0;
  rc = api->xColumnSize(fts, -1, &length);
  if (rc != SQLITE_OK) {
    sqlite3_result_error_code(ctx, rc);
    return;
  }
  double norm = K1 * (1.0 - B + B * (double)length / data->avgdl);
  double score = 0.0;
  for (int phrase = 0; phrase < data->nScored; phrase++) {
    Fts5PhraseIter iter;
    int column = 0, offset = 0;
    double freq = 0.0;
    rc = api->xPhraseFirst(fts, phrase, &iter, &column, &offset);
    if (rc != SQLITE_OK) {
      sqlite3_result_error_code(ctx, rc);
      return;
    }
    while (column >= 0) {
      freq += data->weights[column];
      api->xPhraseNext(fts, &iter, &column, &offset);
    }
    if (freq > 0) score += data->idf[phrase] * freq * (K1 + 1.0) / (freq + norm);
  }
  sqlite3_result_double(ctx, -score);
}

/* pa_phrases(articles_fts): "rows:size,size,..." - the rows in the index and the number of
 * tokens in each query phrase, so the caller can check that it split the query into the
 * same phrases as FTS5 before it passes IDFs by position. */
static void pa_phrases(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *ctx,
                       int nVal, sqlite3_value **apVal) {
  (void)nVal;
  (void)apVal;
  sqlite3_int64 rows = 0;
  int rc = api->xRowCount(fts, &rows);
  if (rc != SQLITE_OK) {
    sqlite3_result_error_code(ctx, rc);
    return;
  }
  sqlite3_str *out = sqlite3_str_new(NULL);
  sqlite3_str_appendf(out, "%lld:", rows);
  int nPhrase = api->xPhraseCount(fts);
  for (int i = 0; i < nPhrase; i++)
    sqlite3_str_appendf(out, i ? ",%d" : "%d", api->xPhraseSize(fts, i));
  rc = sqlite3_str_errcode(out);
  char *text = sqlite3_str_finish(out);
  if (rc != SQLITE_OK) {
    sqlite3_free(text);
    sqlite3_result_error_code(ctx, rc);
    return;
  }
  sqlite3_result_text(ctx, text, -1, sqlite3_free);
}

static int register_functions(sqlite3 *db, char **error, const void *unused) {
  (void)unused;
  fts5_api *fts5 = NULL;
  sqlite3_stmt *stmt = NULL;
  if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &stmt, NULL) != SQLITE_OK) {
    return SQLITE_OK; /* no FTS5 in this build: nothing to register */
  }
  sqlite3_bind_pointer(stmt, 1, (void *)&fts5, "fts5_api_ptr", NULL);
  sqlite3_step(stmt);
  sqlite3_finalize(stmt);
  if (!fts5) return SQLITE_OK;
  int rc = fts5->xCreateFunction(fts5, "pa_bm25", NULL, pa_bm25, NULL);
  if (rc == SQLITE_OK) rc = fts5->xCreateFunction(fts5, "pa_phrases", NULL, pa_phrases, NULL);
  if (rc != SQLITE_OK && error) *error = sqlite3_mprintf("cannot register pa_bm25");
  return rc;
}

static PyObject *library_version(PyObject *self, PyObject *args) {
  (void)self;
  (void)args;
  return PyUnicode_FromString(sqlite3_libversion());
}

static PyMethodDef methods[] = {
    {"library_version", library_version, METH_NOARGS,
     "The version of the SQLite library this module registered pa_bm25 in."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_fts5rank",
    "Registers pa_bm25 (FTS5 bm25 with given IDFs) in every new SQLite connection.", -1,
    methods,
};

PyMODINIT_FUNC PyInit__fts5rank(void) {
  int rc = sqlite3_auto_extension((void (*)(void))register_functions);
  if (rc != SQLITE_OK) {
    PyErr_Format(PyExc_ImportError, "sqlite3_auto_extension failed: %d", rc);
    return NULL;
  }
  return PyModule_Create(&module);
}
