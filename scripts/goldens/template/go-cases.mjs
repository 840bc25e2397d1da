// Case table for Go's text/template goldens: [name, template, data?, options?]. Rendered by the
// real Go (main.go in this folder) into packages/template/testdata/golden/go.json.
// Data: JSON; {"$int": n} etc. stand for typed Go values (see main.go).
const D = {
  s: 'str',
  n: 42,
  f: 1.5,
  big: 1000000,
  neg: -3,
  zero: 0,
  t: true,
  no: false,
  nil: null,
  e: '',
  l: ['a', 'b', 'c'],
  nums: [3, 1, 2],
  el: [],
  em: {},
  m: { b: 2, a: 1, c: { d: 'deep' } },
  nested: { x: { y: { z: 'zz' } } },
  ml: [
    { name: 'n1', v: 1 },
    { name: 'n2', v: 2 },
  ],
  i: { $int: 7 },
  i64: { $int64: 9 },
  u: { $uint: 5 },
  ss: { $strings: ['x', 'y'] },
  is: { $ints: [1, 2] },
  mss: { $mapss: { k: 'v', a: 'b' } },
  bytes: { $bytes: 'hi' },
  html: '<a href="x">&</a>',
  uni: 'héllo wörld',
  keys: { 10: 'ten', 9: 'nine', b: 'B', A: 'a', _: 'u' },
  withNil: [1, null, 'x'],
};
const c = [];
const add = (name, template, data = D, opts = {}) => c.push({ name, template, data, ...opts });

// --- text, comments, trimming
add('empty', '');
add('text', 'some text');
add('trim both', 'a  {{- "x" -}}  b');
add('trim left newline', 'a\n\n{{- "x"}}\nb');
add('trim right newline', 'a{{"x" -}}\n\n b');
add('trim not without space', '{{-3}}');
add('comment', 'a{{/* c */}}b');
add('comment trimmed', 'a  {{- /* c */ -}}  b');
add('comment multiline', 'a{{/* line1\nline2 */}}b');
add('unclosed comment', 'a{{/* c }}');
add('comment ends before delim', 'a{{/* c */ x}}');
add('trim tab cr', 'a \t\r\n{{- "x" -}} \t\r\nb');
add('crlf text', 'a\r\n{{.s}}\r\nb');
add('trim inside range', '{{range .l -}}\n  {{.}}\n{{- end}}');
add('raw string', '{{`a\\nb`}}');
add('raw string multiline', '{{`a\nb`}}');
add('quoted escapes', '{{"a\\tb\\u00e9\\x41\\101"}}');
add('char constant', "{{'a'}} {{'\\n'}} {{printf \"%c\" 'x'}}");
add('char constant type', "{{typeOf 'a'}}");
// --- numbers
add('ideal int', '{{typeOf 3}} {{3}}');
add('ideal float', '{{typeOf 1.0}} {{1.0}}');
add('ideal exp', '{{typeOf 1e3}} {{1e3}}');
add('hex int', '{{0x1F}} {{typeOf 0x1F}}');
add('octal int', '{{0o17}} {{017}}');
add('binary int', '{{0b101}}');
add('underscore int', '{{1_000_000}}');
add('hex float', '{{0x1p4}} {{typeOf 0x1p4}}');
add('negative', '{{-5}} {{-1.5}} {{+3}}');
add('complex', '{{1i}} {{typeOf 2i}} {{1+2i}}');
add('big int', '{{9223372036854775807}}');
add('int overflow', '{{9223372036854775808}}');
add('uint overflow', '{{18446744073709551616}}');
add('bad number', '{{3k}}');
add('bad number 2', '{{0x}}');
add('float leading dot', '{{.5}}');
add('number then field', '{{1.x}}');
// --- fields, maps, missing keys
add('field', '{{.s}}');
add('field float', '{{.f}} {{.big}} {{.n}} {{.neg}} {{.zero}}');
add('field bool nil', '{{.t}} {{.no}} {{.nil}}');
add('nested field', '{{.nested.x.y.z}}');
add('map print sorted', '{{.m}}');
add('list print', '{{.l}} {{.el}} {{.em}}');
add('typed values', '{{.i}} {{.i64}} {{.u}} {{.ss}} {{.is}} {{.mss}} {{.bytes}}');
add('missing default', '[{{.nope}}]');
add('missing nested default', '[{{.m.nope}}]');
add('missing parent default', '[{{.nope.x}}]');
add('nil parent', '{{.nil.x}}');
add('string parent', '{{.s.x}}');
add('list parent', '{{.l.x}}');
add('number parent', '{{.m.a.x}}');
add('missing zero', '[{{.nope}}]', D, { missingkey: 'zero' });
add('missing zero parent', '[{{.nope.x}}]', D, { missingkey: 'zero' });
add('missing zero typed', '[{{.mss.nope}}]', D, { missingkey: 'zero' });
add('missing error', '{{.nope}}', D, { missingkey: 'error' });
add('missing error nested', '{{.m.nope}}', D, { missingkey: 'error' });
add('missing error parent', '{{.nope.x}}', D, { missingkey: 'error' });
add('missing error var', '{{$x := .nope}}{{$x.y}}', D, { missingkey: 'error' });
add('missing invalid', '[{{.nope}}]', D, { missingkey: 'invalid' });
add('nil data field', '{{.x}}', null);
add('nil data field error', '{{.x}}', null, { missingkey: 'error' });
add('nil data dot', '{{.}}', null);
add('map field with args', '{{.m.a 1}}');
add('dot on scalar', '{{.}}', 'hello');
add('dot on number', '{{.}}', 3.25);
add('field on dot number', '{{.x}}', 3);
add('typed map field', '{{.mss.k}}');
add('typed map missing', '[{{.mss.zz}}]');
add('field of range elem string', '{{range .l}}{{.x}}{{end}}');
add('field of range elem map', '{{range .ml}}{{.name}},{{end}}');
add('field of range nil elem', '{{range .withNil}}{{.x}}{{end}}');
add('field of typed slice elem', '{{range .ss}}{{.x}}{{end}}');
add('key with dash via index', '{{index . "a-b"}}', { 'a-b': 1 });
add('numeric key via index', '{{index .keys "10"}}');
add('chain on paren', '{{(.m).c.d}}');
add('chain on paren func', '{{(echo .m).c.d}}');
add('chain on variable', '{{$m := .m}}{{$m.c.d}}');
add('chain on nil', '{{nil.x}}');
add('chain on literal', '{{"x".y}}');
add('field on bool', '{{.t.x}}');
// --- variables
add('declare', '{{$x := .s}}{{$x}}');
add('assign', '{{$x := 1}}{{$x = 2}}{{$x}}');
add('assign in if', '{{$x := 1}}{{if true}}{{$x = 2}}{{end}}{{$x}}');
add('declare scope if', '{{$x := 1}}{{if true}}{{$x := 2}}{{$x}}{{end}}{{$x}}');
add('undefined variable', '{{$y}}');
add('undefined variable assign', '{{$y = 1}}');
add('dollar', '{{$.s}} {{$}}', { s: 'S' });
add('dollar in range', '{{range .l}}{{$.s}}{{end}}');
add('variable decl prints nothing', '[{{$x := 5}}]');
add('variable with fields', '{{$n := .nested}}{{$n.x.y.z}}');
add('variable as function', '{{$x := 1}}{{$x 2}}');
add('multiple declare outside range', '{{$a, $b := 1}}');
add('declare in with', '{{with $x := .s}}{{$x}}-{{.}}{{end}}');
add('variables in template scope', '{{define "t"}}{{$x}}{{end}}{{$x := 1}}{{template "t"}}');
// --- if / with / else
add('if true', '{{if true}}T{{end}}');
add('if else', '{{if false}}T{{else}}F{{end}}');
add('if else if', '{{if false}}a{{else if true}}b{{else}}c{{end}}');
add(
  'if truthiness',
  '{{if .e}}1{{end}}{{if .s}}2{{end}}{{if .zero}}3{{end}}{{if .n}}4{{end}}{{if .el}}5{{end}}{{if .l}}6{{end}}{{if .em}}7{{end}}{{if .m}}8{{end}}{{if .nil}}9{{end}}{{if .nope}}10{{end}}{{if .no}}11{{end}}{{if .t}}12{{end}}',
);
add('if nil literal', '{{if nil}}x{{end}}');
add('if missing zero', '{{if .nope}}x{{else}}y{{end}}', D, { missingkey: 'zero' });
add('with', '{{with .m}}{{.a}}{{end}}');
add('with else', '{{with .nope}}x{{else}}empty{{end}}');
add('with else with', '{{with .nope}}x{{else with .s}}{{.}}{{end}}');
add('with else with else', '{{with .nope}}x{{else with .e}}y{{else}}z{{end}}');
add('else with outside with', '{{if false}}x{{else with .s}}{{.}}{{end}}');
add('with nested dot', '{{with .nested}}{{with .x}}{{.y.z}}{{end}}{{end}}');
add('if pipeline', '{{if eq .s "str" | not}}x{{else}}y{{end}}');
add('unexpected else', '{{else}}');
add('unexpected end', '{{end}}');
add('missing end', '{{if true}}x');
add('double else', '{{if true}}a{{else}}b{{else}}c{{end}}');
add('if missing value', '{{if}}x{{end}}');
add('with missing value', '{{with}}x{{end}}');
// --- range
add('range list', '{{range .l}}<{{.}}>{{end}}');
add('range index', '{{range $i, $e := .l}}{{$i}}:{{$e}} {{end}}');
add('range one var', '{{range $e := .l}}{{$e}}{{end}}');
add('range map sorted', '{{range $k, $v := .m}}{{$k}}={{$v}};{{end}}');
add('range map keys lexical', '{{range $k, $v := .keys}}{{$k}},{{end}}');
add('range empty else', '{{range .el}}x{{else}}empty{{end}}');
add('range nil else', '{{range .nope}}x{{else}}none{{end}}');
add('range empty map else', '{{range .em}}x{{else}}none{{end}}');
add('range string', '{{range .s}}x{{end}}');
add('range int', '{{range 3}}x{{end}}');
add('range float', '{{range .n}}x{{end}}');
add('range break', '{{range .nums}}{{if eq . 1.0}}{{break}}{{end}}{{.}}{{end}}');
add('range continue', '{{range .nums}}{{if eq . 1.0}}{{continue}}{{end}}{{.}}{{end}}');
add('break outside range', '{{break}}');
add('continue outside range', '{{continue}}');
add('break in nested if', '{{range .l}}{{if true}}{{if true}}{{break}}{{end}}{{end}}{{.}}{{end}}end');
add('range assign', '{{$i := 0}}{{range $i = .l}}{{end}}{{$i}}');
add('range assign two', '{{$i := 0}}{{$e := 0}}{{range $i, $e = .l}}{{end}}{{$i}}{{$e}}');
add('range vars scope', '{{range $i, $e := .l}}{{end}}{{$i}}');
add('range dollar', '{{range .ml}}{{$.s}}-{{.name}} {{end}}');
add('range typed slice', '{{range $i, $e := .ss}}{{$i}}{{$e}}{{end}}');
add('range bytes', '{{range .bytes}}{{.}},{{end}}');
add('range too many vars', '{{range $a, $b, $c := .l}}{{end}}');
add('range with non var', '{{range $a, 3 := .l}}{{end}}');
add('range nested', '{{range .ml}}{{$n := .name}}{{range $.l}}{{$n}}{{.}} {{end}}{{end}}');
add('range over map of lists', '{{range $k, $v := .}}{{$k}}:{{range $v}}{{.}}{{end}};{{end}}', {
  b: [1, 2],
  a: ['x'],
});
add('range break in else', '{{range .el}}{{else}}{{break}}{{end}}');
add('range pipeline with decl in body', '{{range .l}}{{$x := .}}{{$x}}{{end}}');
// --- templates
add('define and template', '{{define "a"}}A{{.}}{{end}}{{template "a" "x"}}');
add('template no pipe', '{{define "a"}}[{{.}}]{{end}}{{template "a"}}');
add('template undefined', '{{template "nope"}}');
add('block', '{{block "b" .s}}[{{.}}]{{end}}');
add('block redefined', '', D, {
  files: [
    { name: 'main', text: '{{block "b" .s}}[{{.}}]{{end}}' },
    { name: 'over', text: '{{define "b"}}<{{.}}>{{end}}' },
  ],
  exec: 'main',
});
add('redefine later wins', '', D, {
  files: [
    { name: 'a', text: '{{define "t"}}one{{end}}{{template "t"}}' },
    { name: 'b', text: '{{define "t"}}two{{end}}' },
  ],
  exec: 'a',
});
add('empty redefine ignored', '', D, {
  files: [
    { name: 'a', text: '{{define "t"}}one{{end}}{{template "t"}}' },
    { name: 'b', text: '{{define "t"}}  {{end}}' },
  ],
  exec: 'a',
});
add('multiple definition in one parse', '{{define "t"}}a{{end}}{{define "t"}}b{{end}}');
add('exec empty template', '', D, { files: [{ name: 'a', text: '{{define "x"}}y{{end}}' }], exec: 'a' });
add('exec unknown template', '', D, { files: [{ name: 'a', text: 'x' }], exec: 'zz' });
add(
  'recursion',
  '{{define "r"}}{{if .}}{{len .}}{{template "r" (slice . 1)}}{{end}}{{end}}{{template "r" .l}}',
);
add('template pipeline var persists', '{{define "t"}}{{.}}{{end}}{{template "t" $x := 3}}{{$x}}');
add('define bad name', '{{define x}}{{end}}');
add('define not closed', '{{define "x"}}abc');
add('define inside action', '{{if true}}{{define "x"}}{{end}}{{end}}');
add('template name not string', '{{template .s}}');
add('error in define location', '', D, {
  files: [
    { name: 'f1', text: 'line1\n{{define "t"}}\n  {{.s.x}}{{end}}' },
    { name: 'f2', text: '{{template "t" .}}' },
  ],
  exec: 'f2',
});
add('parse error in define', '{{define "t"}}\n{{.x | }}{{end}}');
add('block pipeline required', '{{block "b"}}x{{end}}');
// --- builtins: and/or/not
add('and', '{{and 1 0}} {{and 1 2}} {{and .s .n}} {{and .e .n}}');
add('or', '{{or 0 .e}} {{or .e .s}} {{or 0 1}} {{or .nope "d"}}');
add('and short circuit', '{{and 0 (die)}}');
add('or short circuit', '{{or 1 (die)}}');
add('and evaluates', '{{and 1 (die)}}');
add('and pipeline', '{{1 | and 2}} {{0 | or .s}}');
add('not', '{{not 0}} {{not .s}} {{not .nope}} {{not .el}}');
add('and no args', '{{and}}');
add('not two args', '{{not 1 2}}');
add('or returns nil', '[{{or .nope .nil}}]');
// --- comparison
add('eq basic', '{{eq 1 1}} {{eq "a" "a"}} {{eq .s "str"}} {{eq .t true}}');
add('eq multiple', '{{eq 3 1 2 3}} {{eq "x" "a" "b"}}');
add('eq float int', '{{eq .n 42}}');
add('eq float float', '{{eq .n 42.0}}');
add('eq int uint', '{{eq .i .u}} {{eq 5 .u}}');
add('eq string number', '{{eq .s 1}}');
add('eq nil', '{{eq .nope nil}} {{eq .nil nil}} {{eq nil nil}}');
add('eq map', '{{eq .m .m}}');
add('eq list', '{{eq .l .l}}');
add('eq map list', '{{eq .m .l}}');
add('eq missing arg', '{{eq 1}}');
add('ne', '{{ne 1 2}} {{ne "a" "a"}} {{ne .f 1.5}}');
add('ne mismatch', '{{ne .n 1}}');
add('lt le gt ge', '{{lt 1 2}} {{le 2 2}} {{gt 3 2}} {{ge 2 3}} {{lt "a" "b"}} {{gt 1.5 .f}}');
add('lt float int', '{{lt .n 50}}');
add('lt bool', '{{lt true false}}');
add('lt nil', '{{lt .nope 1}}');
add('lt map', '{{lt .m .m}}');
add('lt int uint', '{{lt -1 .u}} {{gt .u 3}}');
add('compare strings bytes', '{{lt "Z" "a"}} {{lt "é" "z"}}');
add('eq bool mismatch', '{{eq true 1}}');
// --- len / index / slice
add('len', '{{len .l}} {{len .s}} {{len .m}} {{len .uni}} {{len .el}} {{len .bytes}}');
add('len number', '{{len .n}}');
add('len nil', '{{len .nil}}');
add('len missing', '{{len .nope}}');
add('index list', '{{index .l 1}} {{index .nums 0}}');
add('index map', '{{index .m "a"}} {{index .m "c" "d"}}');
add('index map missing', '[{{index .m "zz"}}]');
add('index nested list', '{{index .ml 1 "name"}}');
add('index out of range', '{{index .l 5}}');
add('index at len', '{{index .l 3}}');
add('index negative', '{{index .l -1}}');
add('index string', '{{index .s 1}}');
add('index float index', '{{index .l 1.0}}');
add('index float var', '{{index .l .f}}');
add('index nil', '{{index .nil 1}}');
add('index missing', '{{index .nope 1}}');
add('index map int key', '{{index .m 1}}');
add('index number', '{{index .n 1}}');
add('index no indexes', '{{index .l}}');
add('index nil key', '{{index .m nil}}');
add('index into nil elem', '{{index .withNil 1 0}}');
add('slice list', '{{slice .l 1}} {{slice .l 1 2}} {{slice .l}}');
add('slice string', '{{slice .s 1 2}} {{slice .s 2}}');
add('slice three index', '{{slice .l 0 1 2}}');
add('slice string three', '{{slice .s 0 1 2}}');
add('slice out of range', '{{slice .l 2 9}}');
add('slice inverted', '{{slice .l 2 1}}');
add('slice number', '{{slice .n 1}}');
add('slice too many', '{{slice .l 1 2 3 4}}');
add('slice type', '{{typeOf (slice .ss 1)}} {{typeOf (slice .l 1)}}');
// --- print / printf / println / html / js / urlquery
add('print', '{{print "a" "b"}} {{print 1 2}} {{print "a" 1 2 "b"}} {{print .m}} {{print nil}}');
add('print mixed', '{{print 1 "x" 2.5 .t}}');
add('println', '{{println "a" 1}}');
add('printf basic', '{{printf "%s-%d-%v" "a" 3 .l}}');
add('printf float verbs', '{{printf "%v|%f|%.2f|%e|%g|%G|%E" .f .f .f .f .f .f .f}}');
add('printf big float', '{{printf "%v %f %d %s" .big .big .big .big}}');
add('printf float format edges', '{{printf "%v %v %v %v %v" 1e20 1e21 0.0001 0.00001 123456789.0}}');
add('printf rounding', '{{printf "%.0f %.0f %.0f %.1f %.2f %.3f" 0.5 1.5 2.5 0.25 1.005 2.0005}}');
add(
  'printf int verbs',
  '{{printf "%d|%5d|%-5d|%05d|%x|%X|%o|%O|%b|%c|%q|%U|%#x|%+d" 42 42 42 42 255 255 8 8 5 65 65 65 255 42}}',
);
add(
  'printf string verbs',
  '{{printf "%s|%q|%x|%X|%10s|%-10s|%.2s|%#q|% x" "hé" "a\\"b" "hi" "hi" "r" "l" "abc" "bq" "hi"}}',
);
add('printf bool', '{{printf "%t %v %s" true false true}}');
add('printf bad verb float', '{{printf "%d" .n}}');
add('printf bad verb string', '{{printf "%d %t" "x" "y"}}');
add('printf nil', '{{printf "%s %d %v" nil nil nil}}');
add('printf missing', '{{printf "%s %s" "a"}}');
add('printf extra', '{{printf "%s" "a" 1 "b" nil}}');
add('printf noverb', '{{printf "abc%"}}');
add('printf percent', '{{printf "100%%"}}');
add('printf map verbs', '{{printf "%v|%s|%d|%q" .m .m .m .m}}');
add('printf list verbs', '{{printf "%v|%s|%d|%q|%x" .l .l .l .l .l}}');
add('printf nested nil', '{{printf "%v %s %d" .withNil .withNil .withNil}}');
add('printf T', '{{printf "%T %T %T %T %T %T %T %T %T" .s .n .t .nil .l .m .i .ss .mss}}');
add('printf plus v', '{{printf "%+v %#v" .m .l}}');
add('printf width star', '{{printf "%*d|%-*d|%.*f" 5 1 4 2 2 3.14159}}');
add('printf star bad', '{{printf "%*d" "x" 1}}');
add('printf arg index', '{{printf "%[2]s %[1]s" "a" "b"}} {{printf "%[3]s" "a"}}');
add('printf typed', '{{printf "%v %d %x %v" .i .i64 .u .bytes}}');
add('printf bytes', '{{printf "%s %x %v %q" .bytes .bytes .bytes .bytes}}');
add('printf unicode width', '{{printf "%-6s|%6s" "é" "日本"}}');
add('printf zero pad float', '{{printf "%08.3f %+.1e % d %+d" -3.14159 12345.678 5 -5}}');
add('printf sharp g', '{{printf "%#g %#.3g %#v" 1.0 2.0 1.5}}');
add('printf inf nan', '{{printf "%v %v %05v" (index . "inf") 0 1}}', { inf: 1.5 });
add('printf hex float', '{{printf "%x %X" 1.5 -0.1}}');
add('printf small exp', '{{printf "%v %v %e %.3e" 1e-7 123e-10 0.0 1234.5678}}');
add('printf g precision', '{{printf "%.3g %.10g %g %.1g" 1234.5678 1.5 100000.0 0.05}}');
add('printf f large', '{{printf "%f %.1f" 1e21 123456789.987654321}}');
add('printf v negative zero', '{{printf "%v %v" -0.0 0.0}}');
add('printf complex', '{{printf "%v %.2f" 1+2i 1.5-2.5i}}');
add('printf bool bad verb', '{{printf "%d" true}}');
add('printf w verb', '{{printf "%w" "x"}}');
add('printf unknown verb', '{{printf "%z" 1}}');
add('printf int as float verb', '{{printf "%f %s" 3 4}}');
add('printf c on big', '{{printf "%c %q" 1114112 -1}}');
add('printf s on typed map', '{{printf "%s" .mss}}');
add('printf q on strings', '{{printf "%q" .ss}}');
add('printf bad index', '{{printf "%[0]d %[x]d" 1 2}}');
add('printf sharp x string', '{{printf "%#x % X %#X" "ab" "ab" "ab"}}');
add('printf string prec unicode', '{{printf "%.1s|%.3q|%5.1s" "héllo" "héllo" "xyz"}}');
add('printf quote unicode', '{{printf "%q %+q" "日本\\x7f" "é"}}');
add('printf lots of verbs nil map', '{{printf "%v" .em}}');
add('printf float32ish', '{{printf "%v %v %v" 3.0 2.5e-5 100.0}}');
add('html', '{{html .html}} {{html "a" 1}} {{html .nope}} {{html nil}}');
add('js', '{{js .html}} {{js "it\'s\\n"}} {{js "é\\u2028"}}');
add('urlquery', '{{urlquery "a b&c=d/é"}} {{urlquery 1 2}}');
add('print of func result', '{{printf "%v" (len .l)}}');
// --- pipelines and calls
add('pipeline', '{{.s | printf "%s!"}}');
add('pipeline multi', '{{"a" | printf "%s%s" "b" | printf "<%s>"}}');
add('pipeline non executable', '{{1 | 2}}');
add('pipeline non executable string', '{{.s | "x"}}');
add('pipeline into field', '{{1 | .m}}');
add('pipeline into var', '{{$x := 1}}{{2 | $x}}');
add('parens', '{{printf "%d %d" (add 1 2) (add (add 1 1) 1)}}');
add('paren pipeline', '{{(.s | printf "%s")}}');
add('nil is not a command', '{{nil}}');
add('unparenthesized non function', '{{1 2}}');
add('parenthesized non function', '{{(1) 2}}');
add('function not defined', '{{nofunc}}');
add('function wrong args', '{{add 1}}');
add('function too many args', '{{add 1 2 3}}');
add('function wrong arg type', '{{add "a" 2}}');
add('function wrong arg type field', '{{add .s 2}}');
add('function float literal for int', '{{add 1.5 2}}');
add('function float field for int', '{{add .n 2}}');
add('function nil for int', '{{add nil 2}}');
add('function missing for int', '{{add .nope 2}}');
add('function null field for int', '{{add .nil 2}}');
add('function int64 for int', '{{add .i64 1}}');
add('function int typed ok', '{{add .i 1}}');
add('function returning error', '{{errfn ""}}');
add('function returning error ok', '{{errfn "ok"}}');
add('function error in pipeline', '{{"" | errfn}}');
add('variadic', '{{concat "a"}} {{concat "a" "b" "c"}}');
add('variadic too few', '{{concat}}');
add('variadic wrong type', '{{concat "a" 1}}');
add('variadic pipeline final', '{{"z" | concat "a" "b"}}');
add('variadic final fixed', '{{"z" | concat}}');
add('interface func nil', '{{typeOf nil}} {{typeOf .nope}} {{typeOf .nil}}');
add('echo interface', '{{echo .m}} {{echo 3}} {{typeOf (echo 3)}}');
add('func returning typed', '{{makemap "a" "b"}} {{(makemap "k" "v").k}}');
add('func returning slice', '{{strslice}} {{typeOf strslice}} {{index strslice 1}}');
add('func as arg without parens', '{{typeOf zero}}');
add('die', '{{die}}');
add('call non function', '{{call .s}}');
add('call nil', '{{call nil}}');
add('field is not a method', '{{.m.a 1}}');
add('arg to field pipeline', '{{1 | .s}}');
add('printf with pipe final', '{{3 | printf "%d-%d" 1}}');
add('dot in arg', '{{with .n}}{{printf "%v" .}}{{end}}');
add(
  'typeOf literal kinds',
  '{{typeOf "s"}} {{typeOf true}} {{typeOf 1.5}} {{typeOf 1}} {{typeOf .l}} {{typeOf .m}} {{typeOf .nested.x}}',
);
// --- parse errors
add('unclosed action', '{{.s');
add('unclosed action newline', '{{.s\n\n');
add('unclosed paren', '{{(.s}}');
add('unexpected right paren', '{{.s)}}');
add('unclosed string', '{{"abc}}');
add('unclosed raw string', '{{`abc}}');
add('unclosed char', "{{'a}}");
add('bad char constant', "{{'ab'}}");
add('bad char', '{{.s#}}');
add('unrecognized character', '{{.s | é}}');
add('unrecognized control char', '{{\u0001}}');
add('expected colon equals', '{{$x :x}}');
add('unexpected in operand', '{{.s "x"}}'.replace('"x"', '"x" =='));
add('empty command', '{{.s | }}');
add('empty pipeline', '{{}}');
add('missing value for command', '{{ }}');
add('unexpected keyword', '{{range}}{{end}}');
add('unexpected dot after string', '{{"x".y}}');
add('unexpected dot after number', '{{3 .x}}');
add('undefined function parse', '{{foo 1}}');
add('break not closed', '{{range .l}}{{break 1}}{{end}}');
add('else if missing', '{{if true}}a{{else foo}}b{{end}}');
add('end with args', '{{if true}}a{{end x}}');
add('unclosed left paren nested', '{{printf "%s" (printf "x"}}');
add('too many declarations', '{{$a, $b := 1}}');
add('range can only init vars', '{{range $a, $b := 1}}{{end}}');
add('unterminated quote newline', '{{"a\nb"}}');
add('invalid escape', '{{"\\q"}}');
add('multi-line action error', '{{if\n .s |\n }}x{{end}}');
add('error line number', 'line1\nline2\n{{.s | }}');
add('unexpected eof in if', 'a{{if .s}}b{{else}}c');
add('unexpected else in range', '{{range .l}}{{else}}{{else}}{{end}}');
add('bad variable name', '{{$x-y := 1}}');
add('declare no var', '{{:= 1}}');
add('assign to dot', '{{. = 1}}');
add('double pipe', '{{.s || printf}}');
add('unexpected comma', '{{printf "%s", .s}}');
add('raw string newline in action', '{{`a\nb` | printf "%s"}}');
add('nested template line col', 'x\n  {{define "d"}}\n\t{{index .l 9}}{{end}}{{template "d" .}}');
add('error col after unicode', 'héllo {{.s.x}}');
add('error col line 3', 'a\nbé\n  {{.s.x}}');
// --- delimiters
add('custom delims', '[[.s]] {{.s}}', D, { delims: ['[[', ']]'] });
add('custom delims trim', 'a [[- .s -]] b', D, { delims: ['[[', ']]'] });
add('custom delims comment', '<</* c */>>x', D, { delims: ['<<', '>>'] });
// --- whitespace-ish things and misc
add('action in text lines', 'a\n{{- if .t }}\n  yes\n{{- end }}\nb');
add(
  'yaml-like',
  'metadata:\n  name: {{ .s }}\n  labels:\n{{- range $k, $v := .m }}\n    {{ $k }}: {{ $v }}\n{{- end }}',
);
add(
  'deep nesting ok',
  '{{if true}}{{if true}}{{if true}}{{with .m}}{{range $k, $v := .}}{{$k}}{{end}}{{end}}{{end}}{{end}}{{end}}',
);
add('many parens', '{{((((((1))))))}}');
add('no value vs nil in print', '{{.nope}} {{print .nope}} {{printf "%v" .nope}} {{.nil}} {{print .nil}}');
add('keywords as fields', '{{.range}} {{.if}} {{.end}}', { range: 'r', if: 'i', end: 'e' });
add('unicode field', '{{.héllo}}', { héllo: 'world' });
add('underscore field', '{{._x}}', { _x: 1 });
add('digit-start field', '{{.1x}}', { '1x': 1 });
add('dot then digit', '{{.5x}}');
add('numeric field', '{{.0}}', { 0: 'zero' });
add('template name quoting', '{{template "a\\"b"}}');
add('long context', '{{printf "%s %s %s %s %s %s" .s .s .s .s .s (.nope.x)}}', D, { missingkey: 'zero' });
// --- hostile templates: infinite recursion reports Go's maxExecDepth error; wide printf; deep nesting
add('hostile template recursion', '{{define "r"}}{{template "r" .}}{{end}}{{template "r" .}}');
add(
  'hostile template mutual recursion',
  '{{define "a"}}{{template "b" .}}{{end}}{{define "b"}}{{template "a" .}}{{end}}{{template "a" .}}',
);
add(
  'hostile template recursion three',
  '{{define "a"}}{{template "b" .}}{{end}}{{define "b"}}{{if true}}{{template "c" .m}}{{end}}{{end}}{{define "c"}}{{template "a" $}}{{end}}{{template "a" .}}',
);
add(
  'hostile template recursion in with',
  '{{define "r"}}{{with .m}}{{template "r" $}}{{end}}{{end}}{{template "r" .}}',
);
add('hostile template recursion constant dot', '{{define "r"}}{{template "r" 1}}{{end}}{{template "r" 1}}');
add('hostile template recursion string dot', '{{define "r"}}{{template "r" "x"}}{{end}}{{template "r" .s}}');
add('hostile template recursion no dot', '{{define "r"}}{{template "r"}}{{end}}{{template "r"}}');
add('hostile block recursion', '{{block "r" .}}{{template "r" .}}{{end}}');
add(
  'hostile finite recursion 300',
  '{{define "r"}}{{if lt . 300}}{{template "r" (add . 1)}}{{end}}{{.}},{{end}}{{template "r" 0}}',
);
add('hostile printf zero width', '{{len (printf "%0999999d" 1)}}');
add('hostile printf width 1e6', '{{len (printf "%01000000d" 1)}}');
add('hostile printf width 7 digits', '{{len (printf "%09999999d" 1)}}');
add('hostile printf badwidth', '{{printf "%0100000000d" 1}}');
add('hostile printf huge width', '{{printf "%099999999999d" 1}}');
add('hostile printf star width', '{{printf "%*d" 1000001 1}}');
add('hostile printf float prec', '{{len (printf "%.999999f" 1.5)}}');
add('hostile printf prec 7 digits', '{{len (printf "%.1000001f" 1.5)}}');
add('hostile printf badprec', '{{printf "%.100000000f" 1.5}}');
add('hostile printf e prec', '{{len (printf "%999999.999999e" 1.5)}}');
add('hostile printf g sharp prec', '{{len (printf "%#.999999g" 1.5)}}');
add('hostile printf string width', '{{len (printf "%-999999s|" "x")}}');
add('hostile printf quote width', '{{len (printf "%999999q" "x")}}');
add('hostile printf hex width', '{{len (printf "%0999999x" 255)}}');
add('hostile parens 500', `{{${'('.repeat(500)}1${')'.repeat(500)}}}`);
add('hostile if nesting 500', `${'{{if true}}'.repeat(500)}x${'{{end}}'.repeat(500)}`);
add('hostile with nesting 500', `${'{{with .m}}'.repeat(500)}x${'{{end}}'.repeat(500)}`);
add('hostile range nesting 200', `${'{{range .l}}'.repeat(200)}${'{{end}}'.repeat(200)}x`);
add('hostile else if chain 900', `{{if false}}${'{{else if false}}'.repeat(900)}{{else}}y{{end}}`);
add('hostile pipeline 5000', `{{1${' | print'.repeat(5000)}}}`);
add('hostile variables 5000', `${'{{$x := 1}}'.repeat(5000)}{{$x}}`);
add('hostile unclosed parens', `{{${'('.repeat(500)}1}}`);

// --- Go strings are bytes: invalid UTF-8 from string literals, data and slicing
const B = {
  bin: { $rawstr: 'AAEC//4=' },
  mixed: { $rawstr: 'aMOpbGxv/w==' }, // "h\u00e9llo\xff"
  rb: { $rawbytes: 'aP/DqQ==' },
  l: [{ $rawstr: '/w==' }, 'a'],
  m: { k: { $rawstr: '/v8=' } },
};
const addB = (name, template) => add(name, template, B);
addB('bytes literal print', '{{"a\\xffb"}}|{{"\\xed\\xa0\\x80"}}|{{"\\xc0\\x80"}}');
addB(
  'bytes literal len',
  '{{len "\\xff\\xfeab"}} {{len "\\xed\\xa0\\x80"}} {{len "\\xf0\\x9f\\x98\\x80"}} {{len "\\xf4\\x90\\x80\\x80"}}',
);
addB('bytes printf x', '{{printf "%x %X % x %#x" "\\xff\\x00\\u00e9" "\\xfe" "h\\xc3" "\\xff"}}');
addB(
  'bytes printf q',
  '{{printf "%q %+q %#q %#q %#q" "a\\xffb" "\\u00e9\\xfe" "\\xff" "\\uFFFD" "\\u00e9"}}',
);
addB(
  'bytes printf s width',
  '{{printf "[%5s][%-4s][%.2s][%.1q][%3.1s]" "\\xff\\xfe" "\\u00e9\\xff" "\\xffabc" "\\xffz" "\\xfe\\xfe"}}',
);
addB(
  'bytes printf s width quoted',
  '{{printf "[%5s][%-4s][%.2s][%.1q][%3.1s]" "\\xff\\xfe" "\\u00e9\\xff" "\\xffabc" "\\xffz" "\\xfe\\xfe" | printf "%q"}}',
);
addB(
  'bytes index',
  '{{index "\\u00e9\\xff" 0}} {{index "\\u00e9\\xff" 1}} {{index "\\u00e9\\xff" 2}} {{index .bin 3}}',
);
addB(
  'bytes slice',
  '{{slice "h\\u00e9llo" 1 2 | printf "%q"}} {{slice "h\\u00e9llo" 2 | printf "%x"}} {{slice .mixed 1 2 | len}}',
);
addB('bytes slice raw', '{{slice "h\\u00e9llo" 0 2}}|{{slice .mixed 2}}');
addB('bytes html js urlquery', '{{html "<\\xff>"}} {{js "a\\xffb\'"}} {{urlquery "a\\xffb \\u00e9"}}');
addB('bytes html js urlquery quoted', '{{printf "%q %q" (html "<\\xff>") (js "a\\xffb\'")}}');
addB(
  'bytes compare',
  '{{lt "\\xff" "\\xc3\\xa9"}} {{lt "\\u00e9" "\\xff"}} {{eq "\\xff" "\\xff"}} {{eq "\\xff" "\\xfe"}} {{lt "\\xef\\xbf\\xbd" "\\xff"}} {{lt "\\U0001F600" "\\xff"}}',
);
addB(
  'bytes data',
  '{{.bin}}|{{len .bin}}|{{printf "%q" .bin}}|{{printf "%v" .bin}}|{{.mixed}}|{{len .mixed}}',
);
addB('bytes data quoted', '{{printf "%q %x %s" .mixed .mixed .mixed | printf "%q"}}');
addB('bytes print println', '{{print "\\xff" 1}}{{println "\\xfe" 2}}{{print .l}}{{print .m}}');
addB('bytes print println quoted', '{{printf "%q" (print "\\xff" 1 .l .m)}}');
addB('bytes []byte verbs', '{{printf "%s|%q|%x|%v|%d" .rb .rb .rb .rb .rb | printf "%q"}}');
addB('bytes []byte raw', '{{printf "%s" .rb}}');
addB('bytes invalid rune verbs', '{{printf "%c|%U|%q" 56448 56448 56448}}');
addB(
  'bytes sequences',
  '{{range $s := .l}}{{printf "%q:%d;" $s (len $s)}}{{end}}{{printf "%q %q %q %q" "\\xe2\\x82" "\\xe2\\x82\\xac" "\\xf8\\x88\\x80\\x80\\x80" "\\xdf"}}',
);
addB(
  'bytes map keys sorted as bytes',
  '{{range $k, $v := makemap "\\xc3" "a" "\\u00e9" "b" "\\xff" "c" "z" "d" "\\U0001F600" "e" "\\uFF01" "f" "\\xc3\\xa9x" "g"}}{{printf "%q=%s " $k $v}}{{end}}',
);
const b64 = (bytes) => Buffer.from(bytes).toString('base64');
add('bytes raw template text', '', B, {
  templateBase64: b64([0x61, 0xff, 0x62, ...Buffer.from('{{.bin | len}}'), 0xfe, 0xc3]),
});
add('bytes raw template exec error column', '', B, {
  templateBase64: b64([0xff, 0xfe, 0xc3, 0xa9, ...Buffer.from('{{.mixed.x}}')]),
});
add('bytes raw template parse error', '', B, {
  templateBase64: b64([0xff, 0x0a, 0xfe, ...Buffer.from('{{.bin | nofunc}}')]),
});
export default c;
