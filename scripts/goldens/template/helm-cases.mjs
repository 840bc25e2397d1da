// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Go regexp replacement templates use ${name}.
// Case table for Sprig/Helm function goldens: [name, template, {values?, defines?}]. Rendered by
// real Helm v3.17 (generate-helm.mjs) into packages/template/testdata/golden/helm.json.
const V = {
  s: 'hello world',
  n: 42,
  f: 1.5,
  big: 1000000,
  zero: 0,
  t: true,
  no: false,
  nil: null,
  e: '',
  l: ['b', 'a', 'c'],
  nums: [3, 1, 2],
  el: [],
  em: {},
  m: { b: 2, a: 1, c: { d: 'deep' } },
  ml: [{ name: 'n1' }, { name: 'n2' }],
  ver: '1.25.3-eks-abc',
  kv: 'v1.28.2',
  img: 'nginx:1.25',
  long: 'this is a long sentence with many words that goes past the eighty column limit of go-yaml for sure',
  ms: 'line1\nline2\n',
  yamlish: {
    yes: 'on',
    10: 'ten',
    9: 'nine',
    key: 'a: b',
    hash: '# c',
    empty: '',
    num: '123',
    float: '1.5',
    date: '2024-01-02',
    tilde: '~',
    spaced: ' lead',
    star: '*x',
    dash: '- x',
    tab: 'a\tb',
    quote: "it's",
    dquote: 'say "hi"',
    colon: 'a:b',
    url: 'http://x.y/z',
    ver: '1.2.3',
    octal: '0755',
    hex: '0x1F',
    nul: null,
    bool: true,
    list: [],
    map: {},
  },
};
const c = [];
const add = (name, template, opts = {}) => c.push({ name, template, values: V, ...opts });

// strings
add(
  'upper lower title',
  '{{ upper .Values.s }}|{{ lower "ABC" }}|{{ title "hello wide world" }}|{{ untitle "Hello" }}',
);
add(
  'trim family',
  '{{ trim "  x  " }}|{{ trimAll "$" "$$5$" }}|{{ trimPrefix "-" "-x-" }}|{{ trimSuffix "-" "-x-" }}|{{ trimall "ab" "abxba" }}',
);
add('trunc', '{{ trunc 5 .Values.s }}|{{ trunc -5 .Values.s }}|{{ trunc 50 .Values.s }}|{{ trunc 0 "x" }}');
add('trunc unicode bytes', '{{ trunc 2 "héllo" | b64enc }}');
add('substr', '{{ substr 0 5 .Values.s }}|{{ substr 6 -1 .Values.s }}|{{ substr -1 3 .Values.s }}');
add('substr out of range', '{{ substr 5 2 "abcdefg" }}');
add('abbrev', '{{ abbrev 5 .Values.s }}|{{ abbrev 3 "abcdef" }}|{{ abbrevboth 5 10 "1234 5678 9123" }}');
add('initials', '{{ initials "First Try" }}|{{ initials .Values.s }}');
add('wrap', '{{ wrap 5 .Values.s }}|{{ wrapWith 5 "\\t" "Hello World" }}');
add(
  'contains prefix suffix',
  '{{ contains "wor" .Values.s }} {{ hasPrefix "hell" .Values.s }} {{ hasSuffix "x" .Values.s }}',
);
add(
  'quote squote',
  '{{ quote .Values.s }} {{ squote .Values.s }} {{ quote 1 2.5 true }} {{ quote .Values.nil "a" }} {{ squote .Values.n }}',
);
add('quote special', '{{ quote "a\\"b\\nc" }} {{ quote .Values.big }}');
add('cat', '{{ cat "a" 1 .Values.nil "b" }}|{{ cat }}');
add('indent nindent', '{{ indent 2 "a\\nb" }}|{{ nindent 4 "x" }}|{{ indent 0 "y" }}');
add('replace', '{{ replace " " "-" .Values.s }}|{{ "aaa" | replace "a" "b" }}');
add('plural', '{{ plural "one" "many" 1 }} {{ plural "one" "many" 2 }}');
add('repeat', '{{ repeat 3 "ab" }}');
add('nospace', '{{ nospace " a b\\tc " }}');
add(
  'snakecase',
  '{{ snakecase "FirstName" }} {{ snakecase "HTTPServer" }} {{ snakecase "already_snake" }} {{ snakecase "with space" }}',
);
add('camelcase', '{{ camelcase "http_server" }} {{ camelcase "foo-bar" }} {{ camelcase "a_b_c" }}');
add('kebabcase', '{{ kebabcase "FirstName" }} {{ kebabcase "fooBar" }}');
add('swapcase', '{{ swapcase "Hello World" }}');
add('hashes', '{{ sha1sum "x" }} {{ sha256sum "x" }} {{ adler32sum "x" }}');
add('sha512', '{{ sha512sum "abc" }}');
add('base64', '{{ b64enc "hello" }} {{ b64dec "aGVsbG8=" }} {{ b64dec "!!" }}');
add('base32', '{{ b32enc "hello" }} {{ b32dec "NBSWY3DP" }}');
add(
  'toString',
  '{{ toString 1 }} {{ toString .Values.f }} {{ toString .Values.m }} {{ toString .Values.nil }} {{ toString true }}',
);
add('split', '{{ split "," "a,b,c" }} {{ (split "," "a,b")._1 }}'.replace('\\_', '_'));
add(
  'splitList splitn',
  '{{ splitList "," "a,b,c" }} {{ splitn "," 2 "a,b,c" }} {{ typeOf (splitList "," "a") }}',
);
add(
  'join',
  '{{ join "," .Values.l }} {{ join "-" .Values.nums }} {{ join "," "x" }} {{ join "," (list 1 .Values.nil "a") }}',
);
add('sortAlpha', '{{ sortAlpha .Values.l }} {{ sortAlpha .Values.nums }} {{ keys .Values.m | sortAlpha }}');
add('toStrings', '{{ toStrings (list 1 2 "x") }} {{ typeOf (toStrings .Values.l) }}');
add(
  'regexMatch',
  '{{ regexMatch "^[a-z]+$" "abc" }} {{ regexMatch "^[a-z]+$" "a1" }} {{ regexMatch "(" "a" }}',
);
add(
  'regexFind',
  '{{ regexFind "[0-9]+" "ab123cd45" }}|{{ regexFindAll "[0-9]" "a1b2c3" 2 }}|{{ regexFindAll "x*" "axxb" -1 }}',
);
add(
  'regexReplace',
  '{{ regexReplaceAll "a(x*)b" "-ab-axxb-" "${1}W" }} {{ regexReplaceAll "a(x*)b" "-axb-" "$1W" }} {{ regexReplaceAllLiteral "a(x*)b" "-ab-" "${1}" }}',
);
add(
  'regexReplace named',
  '{{ regexReplaceAll "(?P<first>\\\\w+) (?P<last>\\\\w+)" "John Smith" "${last}, ${first}" }}',
);
add(
  'regexSplit',
  '{{ regexSplit "z+" "pizza" -1 }} {{ regexSplit "," "a,b,c" 2 }} {{ regexSplit "" "abc" -1 }}',
);
add('regexQuoteMeta', '{{ regexQuoteMeta "1.2.3[x]*" }}');
add('regexFind bad', '{{ regexFind "(" "x" }}');
add('mustRegexMatch bad', '{{ mustRegexMatch "a(" "x" }}');
add('regex unicode class', '{{ regexFindAll "\\\\p{L}+" "héllo wörld 123" -1 }}');
// numbers and math
add(
  'add sub mul div mod',
  '{{ add 1 2 3 }} {{ sub 5 3 }} {{ mul 2 3 4 }} {{ div 7 2 }} {{ mod 7 3 }} {{ add1 .Values.n }}',
);
add(
  'math on floats',
  '{{ add .Values.f 1 }} {{ mul .Values.f 2 }} {{ div .Values.n 5 }} {{ sub .Values.f .Values.f }}',
);
add(
  'math on strings',
  '{{ add "3" "4" }} {{ add "1.0" 1 }} {{ add "1.5" 1 }} {{ add "0x10" 0 }} {{ add "010" 0 }} {{ add "x" 1 }}',
);
add('div by zero', '{{ div 1 0 }}');
add(
  'float math',
  '{{ addf 1.5 2 }} {{ addf 0.1 0.2 }} {{ subf 1 0.9 }} {{ mulf 1.1 3 }} {{ divf 10 3 }} {{ add1f 1.5 }}',
);
add('max min', '{{ max 1 5 3 }} {{ min 4 2 6 }} {{ maxf 1.5 2.5 }} {{ minf 1.5 0.5 }} {{ biggest 3 9 }}');
add(
  'floor ceil round',
  '{{ floor 1.7 }} {{ ceil 1.2 }} {{ round 3.14159 2 }} {{ round 2.5 0 }} {{ round 1.2345 3 0.4 }}',
);
add(
  'int conversions',
  '{{ int "42" }} {{ int64 3.9 }} {{ float64 "1.5" }} {{ atoi "12" }} {{ atoi "x" }} {{ int .Values.f }} {{ typeOf (int 1) }} {{ typeOf (int64 1) }}',
);
add('toDecimal', '{{ toDecimal "0777" }} {{ toDecimal 12 }}');
add('seq', '{{ seq 5 }}|{{ seq 2 5 }}|{{ seq 0 2 10 }}|{{ seq 5 1 }}|{{ seq -3 }}');
add(
  'until untilStep',
  '{{ until 3 }} {{ untilStep 0 10 3 }} {{ until -2 }} {{ untilStep 10 0 -4 }} {{ typeOf (until 1) }}',
);
add('range until', '{{ range $i := until 3 }}{{ $i }},{{ end }}');
add(
  'printf on values',
  '{{ printf "%d" .Values.n }} {{ printf "%v" .Values.big }} {{ printf "%s" .Values.n }} {{ printf "%.0f" .Values.big }} {{ printf "%d" (int .Values.n) }}',
);
add(
  'values numbers',
  '{{ .Values.n }} {{ .Values.f }} {{ .Values.big }} {{ .Values.zero }} {{ typeOf .Values.n }} {{ kindOf .Values.n }}',
);
add('eq values int', '{{ eq .Values.n 42 }}');
add('eq values float', '{{ eq .Values.n 42.0 }} {{ eq (int .Values.n) 42 }}');
add('int64 vs int', '{{ indent (add 1 1) "x" }}');
// defaults and logic
add(
  'default',
  '{{ default "d" .Values.e }} {{ default "d" .Values.s }} {{ default "d" .Values.missing }} {{ default 5 .Values.zero }} {{ default "d" .Values.no }} {{ default "d" .Values.el }} {{ default "d" .Values.em }} {{ default "d" }}',
);
add('default pipeline', '{{ .Values.missing | default "x" }} {{ .Values.nil | default "y" }}');
add(
  'empty',
  '{{ empty "" }} {{ empty 0 }} {{ empty .Values.m }} {{ empty .Values.em }} {{ empty .Values.missing }} {{ empty false }} {{ empty .Values.f }}',
);
add(
  'coalesce',
  '{{ coalesce .Values.e .Values.zero "x" }} {{ coalesce .Values.nil .Values.missing }}|{{ coalesce 0 "" }}|',
);
add('all any', '{{ all 1 "a" true }} {{ all 1 "" }} {{ any 0 "" "x" }} {{ any 0 false }}');
add(
  'ternary',
  '{{ ternary "yes" "no" true }} {{ ternary "yes" "no" (eq 1 2) }} {{ true | ternary "a" "b" }}',
);
add(
  'and or values',
  '{{ and .Values.s .Values.n }} {{ or .Values.e .Values.zero .Values.nil }} {{ or .Values.missing "z" }}',
);
add(
  'required ok',
  '{{ required "need it" .Values.s }} {{ required "zero ok" .Values.zero }} {{ required "false ok" .Values.no }}',
);
add('required missing', '{{ required "value x is required" .Values.missing }}');
add('required empty', 'a: 1\nb: {{ required "b is required" .Values.e }}');
add('required nil', '{{ .Values.nil | required "nil not ok" }}');
add('fail', '{{ if true }}{{ fail "custom failure" }}{{ end }}');
add('fail formatted', 'x\n{{ fail (printf "bad %s: %d" "value" 3) }}');
// lists
add('list basics', '{{ list 1 "a" .Values.nil }} {{ list }} {{ typeOf (list) }}');
add(
  'first last rest initial',
  '{{ first .Values.l }} {{ last .Values.l }} {{ rest .Values.l }} {{ initial .Values.l }} {{ first .Values.el }}|{{ rest .Values.el }}|',
);
add(
  'append prepend concat',
  '{{ append .Values.l "d" }} {{ prepend .Values.l "z" }} {{ concat .Values.l .Values.nums (list "x") }}',
);
add(
  'reverse uniq without',
  '{{ reverse .Values.l }} {{ uniq (list 1 1 2 "a" "a") }} {{ without .Values.l "a" }}',
);
add(
  'has compact',
  '{{ has "a" .Values.l }} {{ has 1 .Values.nums }} {{ has 1.0 .Values.nums }} {{ compact (list 1 0 "" "x" .Values.nil) }}',
);
add('sprig slice', '{{ slice .Values.l 1 }} {{ slice .Values.l 0 2 }} {{ slice .Values.l }}');
add('chunk', '{{ chunk 2 (list 1 2 3 4 5) }} {{ chunk 3 .Values.l }}');
add('first of nil', '{{ first .Values.nil }}');
add('first of string', '{{ first "abc" }}');
add('mustFirst of string', '{{ mustFirst "abc" }}');
add('append to map', '{{ append .Values.m 1 }}');
add(
  'dig',
  '{{ dig "c" "d" "none" .Values.m }} {{ dig "x" "y" "none" .Values.m }} {{ dig "a" "def" .Values.m }}',
);
add('last of list of maps', '{{ (last .Values.ml).name }}');
// dicts
add(
  'dict get set',
  '{{ $d := dict "a" 1 "b" "two" }}{{ $d }} {{ get $d "a" }} {{ get $d "zz" }}|{{ $_ := set $d "c" 3 }}{{ $d }} {{ unset $d "a" }}',
);
add('dict odd args', '{{ dict "a" 1 "b" }} {{ dict 1 2 }}');
add(
  'hasKey pluck keys values',
  '{{ hasKey .Values.m "a" }} {{ hasKey .Values.m "z" }} {{ pluck "name" (index .Values.ml 0) (index .Values.ml 1) }} {{ keys .Values.m | sortAlpha }} {{ values (dict "x" 1) }}',
);
add('pick omit', '{{ pick .Values.m "a" "c" }} {{ omit .Values.m "a" }}');
add(
  'merge',
  '{{ $a := dict "x" 1 "y" (dict "p" 1) "e" "" }}{{ $b := dict "x" 2 "y" (dict "q" 2) "z" 3 "e" "filled" }}{{ merge $a $b }}',
);
add(
  'mergeOverwrite',
  '{{ $a := dict "x" 1 "y" (dict "p" 1) "k" "keep" }}{{ $b := dict "x" 2 "y" (dict "q" 2 "p" 9) "z" 3 "k" "" }}{{ mergeOverwrite $a $b }}',
);
add(
  'merge values copy',
  '{{ $d := deepCopy .Values.m }}{{ $_ := set $d "a" 100 }}{{ .Values.m.a }} {{ $d.a }}',
);
add('set on values', '{{ $_ := set .Values "added" "yes" }}{{ .Values.added }}');
add('get on non map', '{{ get .Values.l "a" }}');
add('dict in range', '{{ range $k, $v := dict "b" 2 "a" 1 }}{{ $k }}={{ $v }};{{ end }}');
add(
  'typeOf kindOf',
  '{{ typeOf .Values.m }} {{ typeOf .Values.l }} {{ typeOf .Values.s }} {{ typeOf .Values.t }} {{ typeOf .Values.nil }} {{ kindOf .Values.m }} {{ kindOf .Values.l }} {{ kindOf .Values.nil }}',
);
add(
  'typeIs kindIs',
  '{{ typeIs "float64" .Values.n }} {{ kindIs "map" .Values.m }} {{ typeIsLike "string" "x" }} {{ kindIs "slice" (list) }}',
);
add(
  'deepEqual',
  '{{ deepEqual .Values.m .Values.m }} {{ deepEqual (list 1 2) (list 1 2) }} {{ deepEqual 1 1.0 }}',
);
// json / yaml
add(
  'toJson',
  '{{ toJson .Values.m }} {{ toJson .Values.l }} {{ toJson "<a&b>" }} {{ toJson .Values.nil }} {{ toJson .Values.big }} {{ toJson 1.5 }}',
);
add(
  'toRawJson toPrettyJson',
  '{{ toRawJson (dict "h" "<b>") }}\n{{ toPrettyJson .Values.m }}\n{{ toPrettyJson .Values.el }}',
);
add('toJson numbers', '{{ toJson (list 1e21 1e-7 0.1 100000000 123456789.5 -0.0) }}');
add('fromJson', '{{ (fromJson "{\\"a\\": [1, 2], \\"b\\": null}").a }} {{ fromJson "{\\"x\\":1.5}" }}');
add(
  'fromJson __proto__ key',
  '{{ fromJson "{\\"__proto__\\":{\\"x\\":1},\\"b\\":2}" | toJson }} {{ (fromJson "{\\"__proto__\\":{\\"x\\":1}}").x | default "none" }} {{ mustFromJson "{\\"__proto__\\":[1]}" | toJson }}',
);
add(
  'fromJson errors',
  '{{ fromJson "{bad" }} {{ fromJson "[1]" }} {{ fromJson "" }} {{ fromJson "{\\"a\\":1} x" }}',
);
add(
  'fromJsonArray',
  '{{ fromJsonArray "[1, \\"a\\", {\\"b\\": 2}]" }} {{ fromJsonArray "{}" }} {{ fromJsonArray "[" }}',
);
add('toYaml map', '{{ toYaml .Values.m }}');
add(
  'toYaml nested',
  'x:\n{{ toYaml .Values.ml | indent 2 }}\ny: {{ toYaml .Values.el }} {{ toYaml .Values.em }}',
);
add('toYaml quoting', '{{ toYaml .Values.yamlish }}');
add('toYaml long', '{{ toYaml (dict "k" .Values.long "list" (list .Values.long)) }}');
add(
  'toYaml multiline',
  '{{ toYaml (dict "a" .Values.ms "b" "x\\ny" "c" "trail \\nx" "d" "\\nlead" "e" "two\\n\\n") }}',
);
add(
  'toYaml numbers',
  '{{ toYaml (dict "big" .Values.big "f" .Values.f "n" .Values.n "small" 0.000001 "huge" 1e22 "neg" -3) }}',
);
add(
  'toYaml scalars',
  '{{ toYaml "str" }}|{{ toYaml 1 }}|{{ toYaml .Values.nil }}|{{ toYaml true }}|{{ toYaml "yes" }}|{{ toYaml "" }}',
);
add('toYaml list of lists', '{{ toYaml (list (list 1 2) (list) (dict) (list (dict "a" 1 "b" (list 3)))) }}');
add('toYaml key order', '{{ toYaml (dict "b10" 1 "b9" 2 "a" 3 "B" 4 "_x" 5 "10" 6 "9" 7 "a0" 8 "a00" 9) }}');
add('toYaml unicode', '{{ toYaml (dict "u" "héllo wörld" "e" "日本語" "emoji" "😀") }}');
add('toYamlPretty', '{{ toYamlPretty .Values.m }}\n{{ toYamlPretty (dict "l" (list 1 2) "f" .Values.big) }}');
add(
  'fromYaml',
  '{{ $y := fromYaml "a: 1\\nb: [x, y]\\nc: yes\\nd: 2024-01-01\\ne: 0755" }}{{ $y.a }} {{ $y.b }} {{ $y.c }} {{ $y.d }} {{ $y.e }} {{ typeOf $y.a }}',
);
add('fromYaml error', '{{ fromYaml "a: b: c" }}');
add('fromYaml list', '{{ fromYaml "- a" }}');
add('fromYamlArray', '{{ fromYamlArray "- 1\\n- two" }} {{ fromYamlArray "a: 1" }}');
add('toToml', '{{ toToml (dict "a" 1 "b" "x" "t" (dict "k" true) "l" (list 1 2)) }}');
// semver
add(
  'semverCompare basic',
  '{{ semverCompare ">=1.2.3" "1.2.4" }} {{ semverCompare "<1.0" "1.0.0" }} {{ semverCompare "=1.2.3" "v1.2.3" }} {{ semverCompare "!=1.2.3" "1.2.4" }}',
);
add(
  'semverCompare prerelease',
  '{{ semverCompare ">=1.21-0" .Values.ver }} {{ semverCompare ">=1.21.0" .Values.ver }} {{ semverCompare ">=1.21" .Values.kv }} {{ semverCompare "<1.22-0" "1.21.5-gke.1" }}',
);
add(
  'semverCompare tilde caret',
  '{{ semverCompare "~1.2.3" "1.2.9" }} {{ semverCompare "~1.2.3" "1.3.0" }} {{ semverCompare "^1.2.3" "1.9.0" }} {{ semverCompare "^1.2.3" "2.0.0" }} {{ semverCompare "^0.2.3" "0.2.9" }} {{ semverCompare "^0.2.3" "0.3.0" }} {{ semverCompare "~1" "1.9.9" }}',
);
add(
  'semverCompare wildcards ranges',
  '{{ semverCompare "1.2.x" "1.2.7" }} {{ semverCompare "1.x" "2.0.0" }} {{ semverCompare "*" "3.0.0" }} {{ semverCompare "1.2 - 1.4" "1.3.9" }} {{ semverCompare "1.2 - 1.4" "1.5.0" }} {{ semverCompare ">1.0, <2.0" "1.5.0" }} {{ semverCompare "<1.0 || >=2.0" "1.5.0" }} {{ semverCompare ">= 1.2 < 1.4" "1.3.0" }}',
);
add('semverCompare invalid version', '{{ semverCompare ">=1.0" "notaversion" }}');
add('semverCompare invalid constraint', '{{ semverCompare "!!1.0" "1.0.0" }}');
add(
  'semver fields',
  '{{ $v := semver "1.2.3-beta.1+meta" }}{{ $v.Major }} {{ $v.Minor }} {{ $v.Patch }} {{ $v.Prerelease }} {{ $v.Metadata }} {{ $v.Original }} {{ $v }}',
);
add('semver v prefix', '{{ (semver "v2.0").Major }} {{ (semver "v2.0") }}');
// paths, urls
add(
  'paths',
  '{{ base "/a/b/c.txt" }} {{ dir "/a/b/c.txt" }} {{ ext "c.tar.gz" }} {{ clean "/a/../b//c/." }} {{ isAbs "/x" }} {{ isAbs "x" }} {{ base "" }} {{ dir "x" }}',
);
add(
  'urlParse',
  '{{ $u := urlParse "https://user:pw@example.com:8080/p/a?q=1#frag" }}{{ $u.scheme }} {{ $u.host }} {{ $u.hostname }} {{ $u.path }} {{ $u.query }} {{ $u.fragment }} {{ $u.userinfo }}',
);
add('urlJoin', '{{ urlJoin (dict "scheme" "https" "host" "example.com" "path" "/x" "query" "a=b") }}');
// dates (deterministic inputs)
add(
  'date fixed',
  '{{ date "2006-01-02 15:04:05" 0 }} {{ date "Jan 2, 2006" 86400 }} {{ htmlDate 1700000000 }}',
);
add(
  'toDate unixEpoch',
  '{{ toDate "2006-01-02" "2024-03-15" | unixEpoch }} {{ toDate "2006-01-02" "2024-03-15" | date "02/01/2006" }}',
);
add('dateInZone', '{{ dateInZone "2006-01-02 15:04 MST" 0 "UTC" }}');
add('duration', '{{ duration 95 }} {{ duration "3661" }} {{ duration 0 }}');
add('durationRound', '{{ durationRound "2h10m5s" }} {{ durationRound "90s" }} {{ durationRound "400h" }}');
add('dateModify', '{{ toDate "2006-01-02" "2024-03-15" | dateModify "+24h" | date "2006-01-02" }}');
// include / tpl / define
add('include basic', '{{ include "h.name" . }}|{{ include "h.name" . | upper }}', {
  defines: '{{- define "h.name" -}}{{ .Values.s | trunc 5 }}{{- end -}}',
});
add('include with dict', '{{ include "h.kv" (dict "k" "a" "v" 1) }}', {
  defines: '{{ define "h.kv" }}{{ .k }}={{ .v }}{{ end }}',
});
add('include nindent', 'labels:{{ include "h.labels" . | nindent 2 }}', {
  defines: '{{- define "h.labels" -}}\napp: x\nver: {{ .Values.n }}\n{{- end }}',
});
add('include undefined', '{{ include "nope" . }}');
add('include missing value', '[{{ include "h.m" . }}]', {
  defines: '{{ define "h.m" }}{{ .Values.missing }}{{ end }}',
});
add('template action', '{{ template "h.t" .Values.m }}', {
  defines: '{{ define "h.t" }}a={{ .a }}{{ end }}',
});
add('include recursion', '{{ include "h.rec" . }}', {
  defines: '{{ define "h.rec" }}{{ include "h.rec" . }}{{ end }}',
});
add('include bounded recursion', '{{ include "h.count" 5 }}', {
  defines:
    '{{ define "h.count" }}{{ . }}{{ if gt . 0 }},{{ include "h.count" (sub . 1 | int) }}{{ end }}{{ end }}',
});
add('tpl basic', '{{ tpl "{{ .Values.s }}" . }}|{{ tpl "plain" . }}|{{ tpl "{{ .missing }}" . }}');
add('tpl with include', '{{ tpl "{{ include \\"h.name\\" . }}!" . }}', {
  defines: '{{- define "h.name" -}}N{{- end -}}',
});
add('tpl defines', '{{ tpl "{{ define \\"inner\\" }}I{{ end }}{{ include \\"inner\\" . }}" . }}');
add('tpl parse error', '{{ tpl "{{ .Values.s" . }}');
add('tpl exec error', '{{ tpl "{{ .Values.s.x }}" . }}');
add('tpl nested', '{{ tpl "{{ tpl \\"{{ .Values.n }}\\" . }}" . }}');
add('tpl toYaml values', '{{ tpl (toYaml (dict "a" "{{ .Values.n }}")) . }}');
add(
  'lookup empty',
  '{{ lookup "v1" "Secret" "ns" "name" }} {{ (lookup "v1" "Secret" "ns" "name").data }} {{ len (lookup "v1" "ConfigMap" "" "") }}',
);
add('getHostByName', '[{{ getHostByName "example.com" }}]');
// Helm error texts
add('nil pointer evaluating', '{{ .Values.missing.key }}');
add('cant evaluate field', 'a\n  {{ .Values.s.x }}');
add('wrong type for value', '{{ upper .Values.n }}');
add('invalid value expected', '{{ .Values.missing | upper }}');
add('wrong number of args', '{{ include "x" }}');
add('unknown function', '{{ notAFunc 1 }}');
add('env not defined', '{{ env "HOME" }}');
add('parse error unclosed', 'a: 1\nb: {{ .Values.s ');
add('parse error unexpected', '{{ if }}{{ end }}');
add('index error', '{{ index .Values.l 10 }}');
add('range over string', '{{ range .Values.s }}{{ end }}');
add(
  'missing zero no value',
  'v: {{ .Values.missing }}|{{ .Values.nil }}|{{ print .Values.missing }}|literal <no value> gone',
);
add('printf missing', '{{ printf "%s-%v" .Values.missing .Values.nil }}');
add('with missing else', '{{ with .Values.missing }}x{{ else }}none{{ end }}');
add('range values map', '{{ range $k, $v := .Values.m }}{{ $k }}:{{ $v }} {{ end }}');
add('len values', '{{ len .Values.l }} {{ len .Values.m }} {{ len .Values.s }}');
add('index values', '{{ index .Values.m "c" "d" }} {{ index .Values.l 0 }} [{{ index .Values.m "zz" }}]');
add('hello', '{{ hello }}');
add('b64 roundtrip toJson', '{{ toJson .Values.m | b64enc | b64dec | fromJson }}');
add(
  'kubernetes style',
  'metadata:\n  name: {{ .Values.s | replace " " "-" | trunc 63 | trimSuffix "-" }}\n  labels:\n    {{- range $k, $v := .Values.m }}\n    {{ $k }}: {{ $v | toString | quote }}\n    {{- end }}\nspec:\n  image: {{ .Values.img | quote }}\n  replicas: {{ .Values.n }}',
);
add(
  'untitle every word',
  '{{ untitle "Hello World  Foo\tBar" }}|{{ untitle "" }}|{{ untitle "ÉCOLE Über" }}',
);
add(
  'int of float64 beyond int64',
  '{{ int 1.2345678901234567e+19 }} {{ int -1e19 }} {{ int64 9.3e18 }} {{ int 9007199254740993.0 }} {{ int 1e15 }}',
);
add(
  'semver methods',
  '{{ $v := semver "v1.31.2-rc.1+build.7" }}{{ $v.Compare (semver "1.31.2") }} {{ (semver "1.2.3").Compare (semver "1.2.3+x") }} {{ (semver "2.0.0").Compare (semver "1.9.9") }} {{ (semver "1.2.3").LessThan (semver "1.10.0") }} {{ (semver "1.2.3").GreaterThan (semver "1.10.0") }} {{ (semver "1.2.3").Equal (semver "v1.2.3") }} {{ (semver "1.2.3").LessThanEqual (semver "1.2.3") }} {{ (semver "1.2.3").GreaterThanEqual (semver "1.2.4") }}',
);
add(
  'semverCompare not-equal with a pre-release version',
  '{{ semverCompare "!=1.31.0" "v1.19.16-gke.1500" }} {{ semverCompare "!=1.19.16" "v1.19.16-gke.1500" }} {{ semverCompare "!=1.19.x" "v1.19.16-gke.1500" }} {{ semverCompare "!=1.31.x" "v1.19.16-gke.1500" }} {{ semverCompare "=1.19.16" "v1.19.16-gke.1500" }} {{ semverCompare "<2.0.0" "v1.19.16-gke.1500" }}',
);
// --- hostile: template recursion (Go's maxExecDepth), also under include
add('template recursion', '{{ template "h.r" . }}', {
  defines: '{{ define "h.r" }}{{ template "h.r" . }}{{ end }}',
});
add('template recursion in include', '{{ include "h.i" . }}', {
  defines:
    '{{ define "h.i" }}{{ template "h.r" . }}{{ end }}{{ define "h.r" }}{{ template "h.r" .Values }}{{ end }}',
});
// --- crypto (Sprig crypto.go). The two ciphertexts below were produced by helm v3.17.2's own
// encryptAES "secretkey" (plaintexts "hello world plaintext" and "exactly16bytes!!").
add('derivePassword long', '{{ derivePassword 1 "long" "password" "user" "example.com" }}');
add(
  'derivePassword types',
  '{{ derivePassword 3 "maximum" "pw" "u" "s" }}|{{ derivePassword 1 "medium" "pw" "u" "s" }}|{{ derivePassword 1 "short" "pw" "u" "s" }}|{{ derivePassword 2 "basic" "pw" "u" "s" }}|{{ derivePassword 1 "pin" "pw" "u" "s" }}',
);
add('derivePassword unicode max counter', '{{ derivePassword 4294967295 "long" "pässword" "ü" "exämple" }}');
add('derivePassword unknown type', '{{ derivePassword 1 "nope" "p" "u" "s" }}');
add(
  'decryptAES go ciphertext',
  '{{ decryptAES "secretkey" "RgV1Szbfb2dkJm5B7w9Jzl1MtPup3DBKrn1f4FpRZMrcbFSN7CPRm9DmtgBOYbmM" }}|{{ decryptAES "secretkey" "ICdlz4dSRBmVPvWfX8dzN8NOjBChc9OuVwVAlN813LZ5XLhFUM9icwbQFed0V1CP" }}',
);
add('decryptAES empty', '[{{ decryptAES "k" "" }}][{{ encryptAES "k" "" }}]');
add('decryptAES bad base64', '{{ decryptAES "k" "not base64!" }}');
add('decryptAES short', '{{ decryptAES "k" "YWJj" }}');
add('decryptAES not full blocks', '{{ decryptAES "k" "MDEyMzQ1Njc4OWFiY2RlZnh5eg==" }}');
add(
  'encryptAES roundtrip',
  '{{ encryptAES "k" "text" | decryptAES "k" }}|{{ encryptAES "a-very-long-password-longer-than-32-bytes!!" "x" | decryptAES "a-very-long-password-longer-than-32-bytes!!" }}|{{ len (encryptAES "k" "sixteen bytes!!!") }}|{{ len (encryptAES "k" "x") }}',
);
add('bcrypt shape', '{{ $h := bcrypt "pw" }}{{ len $h }} {{ substr 0 7 $h }}');
add('bcrypt too long', '{{ bcrypt (repeat 73 "a") }}');
add('htpasswd shape', '{{ $h := htpasswd "user" "pw" }}{{ len $h }} {{ substr 0 12 $h }}');
add('htpasswd colon', '{{ htpasswd "a:b" "pw" }}');
add('genPrivateKey unknown', '{{ genPrivateKey "foo" }}');
add(
  'genPrivateKey shapes',
  '{{ genPrivateKey "ecdsa" | splitList "\\n" | first }} {{ genPrivateKey "ecdsa" | len }}|{{ genPrivateKey "ed25519" | splitList "\\n" | first }} {{ genPrivateKey "ed25519" | len }}|{{ genPrivateKey "rsa" | splitList "\\n" | first }}|{{ genPrivateKey "dsa" | splitList "\\n" | first }}',
);
add(
  'genCA fields',
  '{{ $ca := genCA "my-ca" 365 }}{{ typeOf $ca }} {{ $ca.Cert | splitList "\\n" | first }} {{ $ca.Key | splitList "\\n" | first }}',
);
add('genSelfSignedCert bad ip', '{{ genSelfSignedCert "x" (list "999.1.1.1") nil 1 }}');
add('genSelfSignedCert ip not string', '{{ genSelfSignedCert "x" (list 1) nil 1 }}');
add('genSelfSignedCert dns not string', '{{ genSelfSignedCert "x" nil (list 1) 1 }}');
add('genCAWithKey no pem', '{{ genCAWithKey "x" 1 "nope" }}');
add(
  'genCAWithKey not a key',
  '{{ genCAWithKey "x" 1 "-----BEGIN CERTIFICATE-----\\nAAAA\\n-----END CERTIFICATE-----\\n" }}',
);
add(
  'genCAWithKey ecdsa keeps key',
  '{{ $k := genPrivateKey "ecdsa" }}{{ $ca := genCAWithKey "x" 1 $k }}{{ eq $ca.Key $k }}',
);
add(
  'genCAWithKey ed25519 keeps key',
  '{{ $k := genPrivateKey "ed25519" }}{{ $ca := genCAWithKey "x" 1 $k }}{{ eq $ca.Key $k }}',
);
add('genCAWithKey dsa', '{{ genCAWithKey "x" 1 (genPrivateKey "dsa") }}');
add(
  'genSignedCert key not matching ca',
  '{{ $ca := genCA "a" 1 }}{{ $bad := buildCustomCert ($ca.Cert | b64enc) (genPrivateKey "ecdsa" | b64enc) }}{{ genSignedCert "x" nil nil 1 $bad }}',
);
add(
  'buildCustomCert roundtrip',
  '{{ $ca := genCA "a" 1 }}{{ $c := buildCustomCert ($ca.Cert | b64enc) ($ca.Key | b64enc) }}{{ eq $c.Cert $ca.Cert }} {{ eq $c.Key $ca.Key }}',
);
add('buildCustomCert bad base64', '{{ buildCustomCert "%%%" "YQ==" }}');
add('buildCustomCert not pem', '{{ buildCustomCert "YQ==" "YQ==" }}');
add('genSignedCert wrong ca type', '{{ genSignedCert "x" nil nil 1 (dict "Cert" "" "Key" "") }}');
// --- TOML (BurntSushi/toml)
add(
  'fromToml types',
  '{{ $t := fromToml "a = 1\\nb = \\"x\\"\\nc = 1.5\\nd = true\\ne = [1, 2]\\n[s]\\nk = \\"v\\"\\n[[arr]]\\nn = 1\\n[[arr]]\\nn = 2\\n" }}{{ $t.a }} {{ typeOf $t.a }} {{ $t.b }} {{ $t.c }} {{ typeOf $t.c }} {{ $t.d }} {{ $t.e }} {{ typeOf $t.e }} {{ $t.s.k }} {{ typeOf $t.arr }} {{ (index $t.arr 1).n }} {{ toJson $t }}',
);
add('fromToml empty', '{{ fromToml "" | toJson }}');
add('fromToml big int', '{{ (fromToml "a = 9007199254740993").a }}');
add('fromToml roundtrip toToml', '{{ fromToml "a = 1\\n[b]\\nc = \\"d\\"\\n" | toToml }}');
add('fromToml datetime', '{{ (fromToml "d = 1979-05-27T07:32:00Z").d }}');
add('fromToml error', '{{ fromToml "a = " | toJson }}');
// --- Go strings are bytes: invalid UTF-8 (b64dec of binary, "\xff" literals) through Sprig
add(
  'bytes b64dec b64enc sums',
  '{{ $b := b64dec "AAEC//4=" }}{{ $b | b64enc }}|{{ len $b }}|{{ $b | sha256sum }}|{{ $b | sha1sum }}|{{ $b | sha512sum | trunc 16 }}|{{ $b | adler32sum }}|{{ $b | b32enc }}|{{ $b | b32enc | b32dec | b64enc }}',
);
add('bytes raw output', '{{ b64dec "aMOpbGxv/w==" }}|{{ "\\xfe" }}');
add(
  'bytes trunc substr',
  '{{ trunc 2 "h\u00e9llo" | printf "%q" }}|{{ trunc -4 "h\u00e9llo" | printf "%q" }}|{{ substr 0 2 "h\u00e9llo" | printf "%q" }}|{{ substr 2 4 "h\u00e9llo" | printf "%q" }}|{{ trunc 3 (b64dec "AAEC//4=") | b64enc }}|{{ trunc 2 "h\u00e9llo" }}',
);
add(
  'bytes abbrev',
  '{{ abbrev 5 "h\u00e9llo w\u00f6rld" | printf "%q" }}|{{ abbrev 6 "h\u00e9llo w\u00f6rld" | printf "%q" }}|{{ abbrevboth 5 10 "h\u00e9llo w\u00f6rld and more" | printf "%q" }}|{{ abbrev 4 (b64dec "/////w==") | printf "%q" }}',
);
add(
  'bytes toJson',
  '{{ dict "a" (b64dec "/w==") "\u00e9" "x" | toJson }}|{{ list (b64dec "aMOpbGxv/w==") | toJson }}|{{ toPrettyJson (dict "k" (b64dec "/v8=")) }}|{{ toRawJson (b64dec "/w==") }}|{{ dict (b64dec "/w==") 1 | toJson }}',
);
add(
  'bytes toYaml',
  '{{ dict "a" (b64dec "/w==") "b" (b64dec "aMOpbGxv/w==") (b64dec "/g==") "k" | toYaml }}',
);
add(
  'bytes quote squote toString',
  '{{ quote (b64dec "aMOpbGxv/w==") }}|{{ squote (b64dec "/w==") }}|{{ b64dec "/w==" | toString | len }}|{{ print (b64dec "/w==") 1 }}|{{ cat (b64dec "/w==") "x" }}',
);
add(
  'bytes regex',
  '{{ regexReplaceAll "l+" (b64dec "aMOpbGxv/w==") "L" }}|{{ regexMatch "^h.llo.$" (b64dec "aMOpbGxv/w==") }}|{{ regexFind "o." (b64dec "aMOpbGxv/w==") }}|{{ regexMatch "\\\\x{FFFD}" (b64dec "/w==") }}|{{ regexSplit "\\\\xff" (b64dec "YcO/Yg==") -1 | len }}|{{ regexFindAll "." (b64dec "YP9i") -1 | len }}',
);
add(
  'bytes upper lower title',
  '{{ upper (b64dec "aMOpbGxv/w==") }}|{{ lower (b64dec "SP8=") }}|{{ title (b64dec "aP8gd28=") }}|{{ upper "abc" }}|{{ swapcase (b64dec "aP8=") }}|{{ camelcase (b64dec "YV//") }}|{{ snakecase (b64dec "YUL/") }}|{{ kebabcase (b64dec "YUL/") }}|{{ untitle (b64dec "SP8=") }}',
);
add(
  'bytes printf',
  '{{ printf "%x|%q|%5s|%.2s|%-3s|" (b64dec "aMOpbGxv/w==") (b64dec "/w==") (b64dec "/w==") (b64dec "/2Fi") (b64dec "/w==") }}',
);
add(
  'bytes string funcs',
  '{{ contains (b64dec "/w==") (b64dec "Yf9i") }}|{{ replace (b64dec "/w==") "X" (b64dec "Yf9i") }}|{{ splitList (b64dec "/w==") (b64dec "Yf9i") | len }}|{{ b64dec "YP9i" | indent 2 }}|{{ hasPrefix (b64dec "/w==") (b64dec "/2E=") }}|{{ trimAll (b64dec "/w==") (b64dec "//9h/w==") }}|{{ repeat 2 (b64dec "/w==") }}|{{ nospace (b64dec "/yD/") }}|{{ initials (b64dec "/yBh") }}|{{ wrap 3 (b64dec "/yD/IP8=") }}|{{ trim (b64dec "IP8g") }}',
);
add('bytes aes roundtrip', '{{ encryptAES "k" (b64dec "/w==") | decryptAES "k" }}');
add(
  'bytes sortAlpha join',
  '{{ list (b64dec "/w==") "\u00e9" "z" "\\xef\\xbf\\xbd" | sortAlpha | join "," }}',
);
add('bytes tpl', '{{ tpl (b64dec "e3sgIngiIH19/w==") . }}');
add('bytes fromYaml invalid', '{{ fromYaml (b64dec "YTog/w==") | toJson }}');
add('bytes fromJson invalid', '{{ fromJson (b64dec "eyJhIjoi/yJ9") | toJson }}');
add('bytes literal escapes', '{{ len "\\xff\\xfe" }}|{{ "a\\xffb" | b64enc }}|{{ "\\xc3" | quote }}');
add(
  'bytes goutils byte-wise',
  '{{ nospace "h \u00e0 \u00e9" }}|{{ nospace "\u00e0\u00e9" }}|{{ initials "\u00e9t\u00e9 \u00e0 b" }}|{{ wrap 4 "\u00e9\u00e9 \u00e0\u00e0 ab cd" | quote }}|{{ wrapWith 3 "\u00a0" "\u00e9\u00e9\u00e9\u00e9" | quote }}|{{ abbrevboth 5 10 "1234 \u00e9678 9123" }}',
);
add(
  'bytes fromYaml reader errors',
  '{{ (fromYaml (b64dec "YTogMQpiOiAyCmM6IP8=")).Error }}|{{ (fromYaml (b64dec "YTog4oI=")).Error }}|{{ (fromYaml (b64dec "YTog4kE=")).Error }}|{{ (fromYaml (b64dec "YTog7aCA")).Error }}|{{ (fromYaml (b64dec "YTogwIA=")).Error }}|{{ fromYamlArray (b64dec "LSAx/w==") }}',
);
add(
  'bytes needles match inside sequences',
  '{{ hasPrefix "\\xc3" "\u00e9" }}|{{ contains "\\xa9" "h\u00e9llo" }}|{{ hasSuffix "\\xa9" "h\u00e9" }}|{{ replace "\\xc3" "X" "h\u00e9llo" | quote }}|{{ printf "%q" (splitList "\\xa9" "h\u00e9llo") }}|{{ trimPrefix "h\\xc3" "h\u00e9llo" | quote }}|{{ trimSuffix "\\xa9llo" "h\u00e9llo" | quote }}|{{ printf "%q" (splitn "\\xc3" 2 "a\u00e9b\u00e9c") }}|{{ contains "\\xff" "h\u00e9llo" }}',
);
add(
  'bytes toYamlPretty binary',
  '{{ dict "a" (b64dec "AAEC//4=") "b" "x" | toYamlPretty }}|{{ list (b64dec "gIGCg4SFhoeIiYqLjI2Oj5CRkpOUlZaXmJmam5ydnp+goaKjpKWmp6ipqqusra6vsLGys7S1tre4ubq7vL2+v8DBwsPExcbHyMnKy8zNzs/Q0dLT1NXW19jZ2tvc3d7f4OHi4+Tl5ufo6err7O3u7/Dx8vP09fb3+Pn6+/z9/v8=") | toYamlPretty }}|{{ toYamlPretty (b64dec "/w==") }}',
);
export default c;
