#include <bits/stdc++.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/time.h>
#include <unistd.h>
using namespace std;

// The judge's C++ harness. The judge writes main.cpp as this file with the
// candidate's code in place of the SOLUTION line below (between #line
// directives, so that it keeps its own file name and line numbers) and
// mr_call appended. It parses the tests with a small JSON reader, runs each
// call under an ITIMER_PROF alarm (CPU time) and captures fd 1 and 2 into
// memory files. <bits/stdc++.h> stays the first line: the sandbox's
// precompiled header applies only then.

struct ListNode {
    int val;
    ListNode *next;
    ListNode() : val(0), next(nullptr) {}
    ListNode(int x) : val(x), next(nullptr) {}
    ListNode(int x, ListNode *next) : val(x), next(next) {}
};

struct TreeNode {
    int val;
    TreeNode *left;
    TreeNode *right;
    TreeNode() : val(0), left(nullptr), right(nullptr) {}
    TreeNode(int x) : val(x), left(nullptr), right(nullptr) {}
    TreeNode(int x, TreeNode *left, TreeNode *right) : val(x), left(left), right(right) {}
};

// @@SOLUTION@@

namespace mrj {
struct V {
    int k = 0; // 0 null, 1 bool, 2 number, 3 string, 4 array, 5 object
    bool b = false; double d = 0; long long i = 0; string s;
    vector<V> a; vector<pair<string, V>> o;
};
struct Parser {
    const string& t; size_t p = 0;
    explicit Parser(const string& s) : t(s) {}
    void ws() { while (p < t.size() && isspace((unsigned char)t[p])) p++; }
    V parse() {
        ws(); V v;
        if (p >= t.size()) throw runtime_error("bad json");
        char c = t[p];
        if (c == 'n') { p += 4; return v; }
        if (c == 't') { p += 4; v.k = 1; v.b = true; return v; }
        if (c == 'f') { p += 5; v.k = 1; return v; }
        if (c == '"') { v.k = 3; v.s = str(); return v; }
        if (c == '[') {
            v.k = 4; p++; ws();
            if (t[p] == ']') { p++; return v; }
            for (;;) { v.a.push_back(parse()); ws(); if (t[p++] == ']') break; }
            return v;
        }
        if (c == '{') {
            v.k = 5; p++; ws();
            if (t[p] == '}') { p++; return v; }
            for (;;) { ws(); string key = str(); ws(); p++; V x = parse(); v.o.emplace_back(key, x); ws(); if (t[p++] == '}') break; }
            return v;
        }
        v.k = 2; size_t st = p;
        while (p < t.size() && (isdigit((unsigned char)t[p]) || strchr("+-.eE", t[p]))) p++;
        string num = t.substr(st, p - st);
        v.d = strtod(num.c_str(), nullptr);
        v.i = (num.find_first_of(".eE") == string::npos) ? strtoll(num.c_str(), nullptr, 10) : (long long)v.d;
        return v;
    }
    static void put(string& out, unsigned cp) {
        if (cp < 0x80) out += (char)cp;
        else if (cp < 0x800) { out += (char)(0xC0 | (cp >> 6)); out += (char)(0x80 | (cp & 0x3F)); }
        else if (cp < 0x10000) { out += (char)(0xE0 | (cp >> 12)); out += (char)(0x80 | ((cp >> 6) & 0x3F)); out += (char)(0x80 | (cp & 0x3F)); }
        else { out += (char)(0xF0 | (cp >> 18)); out += (char)(0x80 | ((cp >> 12) & 0x3F)); out += (char)(0x80 | ((cp >> 6) & 0x3F)); out += (char)(0x80 | (cp & 0x3F)); }
    }
    string str() {
        string out; p++;
        while (p < t.size() && t[p] != '"') {
            char c = t[p++];
            if (c != '\\') { out += c; continue; }
            char e = t[p++];
            switch (e) {
            case 'n': out += '\n'; break; case 't': out += '\t'; break; case 'r': out += '\r'; break;
            case 'b': out += '\b'; break; case 'f': out += '\f'; break;
            case 'u': {
                unsigned cp = stoul(t.substr(p, 4), nullptr, 16); p += 4;
                if (cp >= 0xD800 && cp < 0xDC00 && p + 6 <= t.size() && t[p] == '\\') {
                    unsigned lo = stoul(t.substr(p + 2, 4), nullptr, 16); p += 6;
                    cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                }
                put(out, cp); break;
            }
            default: out += e;
            }
        }
        p++;
        return out;
    }
};
}

static const mrj::V mr_null;
static const mrj::V& mr_get(const mrj::V& obj, const string& key) {
    for (auto& kv : obj.o) if (kv.first == key) return kv.second;
    return mr_null;
}
static void mr_from(const mrj::V& v, int& x) { x = (int)v.i; }
static void mr_from(const mrj::V& v, long long& x) { x = v.i; }
static void mr_from(const mrj::V& v, double& x) { x = v.d; }
static void mr_from(const mrj::V& v, bool& x) { x = v.b; }
static void mr_from(const mrj::V& v, string& x) { x = v.s; }
static void mr_from(const mrj::V& v, char& x) { x = v.s.empty() ? 0 : v.s[0]; }
static void mr_from(const mrj::V& v, ListNode*& x) {
    x = nullptr;
    for (size_t k = v.a.size(); k-- > 0;) x = new ListNode((int)v.a[k].i, x);
}
static void mr_from(const mrj::V& v, TreeNode*& x) {
    x = nullptr;
    if (v.a.empty() || v.a[0].k == 0) return;
    x = new TreeNode((int)v.a[0].i);
    vector<TreeNode*> q{x}; size_t i = 1;
    for (size_t k = 0; k < q.size() && i < v.a.size(); k++) {
        if (v.a[i].k != 0) { q[k]->left = new TreeNode((int)v.a[i].i); q.push_back(q[k]->left); }
        i++;
        if (i < v.a.size() && v.a[i].k != 0) { q[k]->right = new TreeNode((int)v.a[i].i); q.push_back(q[k]->right); }
        i++;
    }
}
template <class T> static void mr_from(const mrj::V& v, vector<T>& x) {
    x.assign(v.a.size(), T{});
    for (size_t k = 0; k < v.a.size(); k++) mr_from(v.a[k], x[k]);
}

static void mr_str(string& o, const string& s) {
    o += '"';
    for (unsigned char c : s) {
        if (c == '"') o += "\\\""; else if (c == '\\') o += "\\\\";
        else if (c == '\n') o += "\\n"; else if (c == '\t') o += "\\t"; else if (c == '\r') o += "\\r";
        else if (c < 0x20) { char b[8]; snprintf(b, sizeof b, "\\u%04x", c); o += b; }
        else o += (char)c;
    }
    o += '"';
}
static void mr_to(string& o, int x) { o += to_string(x); }
static void mr_to(string& o, long long x) { o += to_string(x); }
static void mr_to(string& o, long x) { o += to_string(x); }
static void mr_to(string& o, double x) {
    if (!isfinite(x)) { o += "null"; return; }
    char b[40]; snprintf(b, sizeof b, "%.17g", x); o += b;
}
static void mr_to(string& o, bool x) { o += x ? "true" : "false"; }
static void mr_to(string& o, const string& x) { mr_str(o, x); }
static void mr_to(string& o, char x) { mr_str(o, string(1, x)); }
static void mr_to(string& o, ListNode* x) {
    o += '['; size_t n = 0;
    for (; x; x = x->next) {
        if (++n > 1000000) throw runtime_error("the returned list is too long or has a cycle");
        if (n > 1) o += ',';
        o += to_string(x->val);
    }
    o += ']';
}
static void mr_to(string& o, TreeNode* x) {
    vector<TreeNode*> q{x}; vector<string> parts;
    for (size_t k = 0; k < q.size(); k++) {
        if (q.size() > 2000000) throw runtime_error("the returned tree is too large or has a cycle");
        if (!q[k]) { parts.push_back("null"); continue; }
        parts.push_back(to_string(q[k]->val)); q.push_back(q[k]->left); q.push_back(q[k]->right);
    }
    while (!parts.empty() && parts.back() == "null") parts.pop_back();
    o += '[';
    for (size_t k = 0; k < parts.size(); k++) { if (k) o += ','; o += parts[k]; }
    o += ']';
}
template <class T> static void mr_to(string& o, const vector<T>& x) {
    o += '[';
    for (size_t k = 0; k < x.size(); k++) { if (k) o += ','; mr_to(o, x[k]); }
    o += ']';
}

static int mr_chan = 1;
static string mr_marker;
static char mr_tle[256];
static size_t mr_tleLen = 0;
static long mr_limitMS = 2000;

static void mr_write(const string& s) {
    size_t off = 0;
    while (off < s.size()) { ssize_t n = write(mr_chan, s.data() + off, s.size() - off); if (n <= 0) return; off += n; }
}
static void mr_emit(const string& json) { mr_write("\n" + mr_marker + json + "\n"); }
static void mr_onProf(int) {
    if (write(mr_chan, mr_tle, mr_tleLen) < 0) {}
    _exit(0);
}
static void mr_begin(long i) {
    mr_tleLen = snprintf(mr_tle, sizeof mr_tle, "\n%s{\"t\":\"result\",\"i\":%ld,\"ok\":false,\"verdict\":\"time_limit\",\"error\":\"Time limit exceeded\",\"ms\":%ld}\n", mr_marker.c_str(), i, mr_limitMS);
    itimerval tv{}; tv.it_value.tv_sec = mr_limitMS / 1000; tv.it_value.tv_usec = (mr_limitMS % 1000) * 1000;
    setitimer(ITIMER_PROF, &tv, nullptr);
}
static void mr_end() { itimerval tv{}; setitimer(ITIMER_PROF, &tv, nullptr); }

// mr_call converts one test's input, calls the candidate's method and
// returns the result as JSON; the judge writes it after this file. For a
// design problem it replays the test's operations and keeps mr_at at the
// one in progress, so that an exception names its call.
static string mr_call(long i, const mrj::V& in);
static long mr_at = -1;
static string mr_atField() { return mr_at >= 0 ? ",\"call\":" + to_string(mr_at) : string(); }

// mr_cap redirects fd to a memory file for one test and reads it back.
struct mr_cap {
    int fd, saved, mem;
    explicit mr_cap(int f) : fd(f) {
        saved = dup(fd);
        mem = memfd_create("mr_cap", 0);
        if (mem >= 0) dup2(mem, fd);
    }
    string take() {
        string s;
        if (mem < 0) { close(saved); return s; }
        dup2(saved, fd); close(saved);
        off_t n = lseek(mem, 0, SEEK_END);
        if (n > 65536) n = 65536;
        s.resize(n);
        if (pread(mem, &s[0], n, 0) < 0) s.clear();
        close(mem);
        return s;
    }
};

int main() {
    ios::sync_with_stdio(true);
    string data((istreambuf_iterator<char>(cin)), istreambuf_iterator<char>());
    mrj::V input;
    try { mrj::Parser ps(data); input = ps.parse(); } catch (...) { fprintf(stderr, "harness: bad input\n"); return 2; }
    mr_marker = mr_get(input, "marker").s;
    mr_limitMS = (long)mr_get(input, "time_limit_ms").i;
    mr_chan = dup(1);
    signal(SIGPROF, mr_onProf);
    mr_emit("{\"t\":\"ready\"}");
    const auto& tests = mr_get(input, "tests").a;
    for (size_t i = 0; i < tests.size(); i++) {
        fflush(stdout); cout.flush();
        mr_cap co(1), ce(2);
        string ev = "{\"t\":\"result\",\"i\":" + to_string(i);
        auto t0 = chrono::steady_clock::now();
        timespec c0{}, c1{}; clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &c0);
        mr_at = -1;
        try {
            string out = mr_call((long)i, tests[i]);
            ev += ",\"ok\":true,\"out\":" + out;
        } catch (const bad_alloc&) {
            mr_end(); ev += ",\"ok\":false,\"verdict\":\"memory_limit\",\"error\":\"std::bad_alloc\"";
        } catch (const exception& e) {
            mr_end(); string msg; mr_str(msg, string("exception: ") + e.what());
            ev += ",\"ok\":false,\"verdict\":\"runtime_error\",\"error\":" + msg + mr_atField();
        } catch (...) {
            mr_end(); ev += ",\"ok\":false,\"verdict\":\"runtime_error\",\"error\":\"an exception of unknown type\"" + mr_atField();
        }
        double ms = chrono::duration<double, milli>(chrono::steady_clock::now() - t0).count();
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &c1);
        double cpu = (c1.tv_sec - c0.tv_sec) * 1e3 + (c1.tv_nsec - c0.tv_nsec) / 1e6;
        fflush(stdout); cout.flush(); fflush(stderr); cerr.flush();
        string so = co.take(), se = ce.take();
        ev += ",\"ms\":" + to_string(ms) + ",\"cpu_ms\":" + to_string(cpu) + ",\"stdout\":"; mr_str(ev, so);
        ev += ",\"stderr\":"; mr_str(ev, se);
        ev += "}";
        mr_emit(ev);
    }
    mr_emit("{\"t\":\"done\"}");
    fflush(stdout);
    _exit(0);
}
