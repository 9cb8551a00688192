using System.Text.Json.Nodes;
using Network.Workflows.Expressions;
using Network.Workflows.Loading;
using static Network.Workflows.Tests.Runtime.Wf;

namespace Network.Workflows.Tests.Runtime;

public class ExpressionEvaluatorTests
{
    private static readonly ExpressionEvaluator Eval = ExpressionEvaluator.Default;

    private static ExpressionScope Scope(string? input = null, string? vars = null, string? eventData = null, DateTimeOffset? now = null) => new(
        input is null ? new JsonObject() : Json(input),
        vars is null ? new JsonObject() : Json(vars),
        new Dictionary<string, string> { ["stallAfter"] = "P45D", ["reminders"] = "3", ["strict"] = "true", ["code"] = "0123" },
        eventData is null ? null : Json(eventData),
        now ?? T0);

    [Fact]
    public void Expressions_see_input_vars_settings_event_and_now()
    {
        var scope = Scope("""{"commitmentId":"c1"}""", """{"stalls":2}""", """{"commitmentId":"c1"}""", Day(30));

        Assert.True(Eval.IsTrue("event.commitmentId == input.commitmentId && vars.stalls < settings.reminders", scope));
        Assert.Equal("2017-01-31T00:00:00.000Z", Eval.EvaluatePlain("now", scope));
        Assert.Equal("2017-01-31T00:00:00.000Z", Eval.EvaluatePlain("new Date().toISOString()", scope));
        Assert.Equal(Day(30).ToUnixTimeMilliseconds(), Eval.EvaluatePlain("Date.now()", scope));
        Assert.Equal("P45D", Eval.EvaluatePlain("settings.stallAfter", scope));
        Assert.Equal(true, Eval.EvaluatePlain("settings.strict", scope));
        Assert.Equal("0123", Eval.EvaluatePlain("settings.code", scope));
    }

    [Fact]
    public void Results_are_plain_values()
    {
        var scope = Scope();

        Assert.Equal(3L, Eval.EvaluatePlain("1 + 2", scope));
        Assert.Equal(2.5, Eval.EvaluatePlain("5 / 2", scope));
        Assert.Equal("ab", Eval.EvaluatePlain("'a' + 'b'", scope));
        Assert.Null(Eval.EvaluatePlain("undefined", scope));
        Assert.Equal("2017-03-21T00:00:00.000Z", Eval.EvaluatePlain("new Date(Date.UTC(2017, 2, 21))", scope));
        var obj = Assert.IsType<Dictionary<string, object?>>(Eval.EvaluatePlain("{ a: 1, b: [true, 'x', null] }", scope));
        Assert.Equal(1L, obj["a"]);
        Assert.Equal(new List<object?> { true, "x", null }, obj["b"]);
    }

    [Fact]
    public void An_expression_cannot_change_what_it_sees()
    {
        var vars = Json("""{"n":1}""");
        var scope = new ExpressionScope(new JsonObject(), vars, null, null, T0);

        Assert.Equal(5L, Eval.EvaluatePlain("vars.n = 5", scope));
        Assert.Equal(1, vars["n"]!.GetValue<int>());
        // And a fresh engine each time: nothing one evaluation leaves behind is seen by the next.
        Assert.Equal(1L, Eval.EvaluatePlain("globalThis.leak = 1", scope));
        Assert.Equal("undefined", Eval.EvaluatePlain("typeof globalThis.leak", scope));
    }

    [Theory]
    [InlineData("(() => { while (true) {} })()")]
    [InlineData("(function f() { return f(); })()")]
    [InlineData("(() => { let s = 'x'; for (;;) { s = s + s; } })()")]
    [InlineData("(() => { const a = []; for (let i = 0; i < 1e7; i++) { a.push({ i }); } return a.length; })()")]
    public void Limits_stop_runaway_expressions(string source)
    {
        var error = Assert.Throws<ExpressionException>(() => Eval.EvaluatePlain(source, Scope()));
        Assert.Contains("limit", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_limit_holds_on_its_own()
    {
        var unbounded = ExpressionLimits.Default with { Statements = int.MaxValue };
        var time = new ExpressionEvaluator(unbounded with { Timeout = TimeSpan.FromMilliseconds(50), MemoryBytes = long.MaxValue });
        var memory = new ExpressionEvaluator(unbounded with { Timeout = TimeSpan.FromSeconds(30), MemoryBytes = 2_000_000 });
        var recursion = new ExpressionEvaluator(unbounded with { Recursion = 10 });

        Assert.Contains("time limit", Assert.Throws<ExpressionException>(() => time.EvaluatePlain("(() => { for (;;) {} })()", Scope())).Message, StringComparison.Ordinal);
        Assert.Contains("memory limit", Assert.Throws<ExpressionException>(() =>
            memory.EvaluatePlain("(() => { const a = []; for (;;) { a.push('item ' + a.length); } })()", Scope())).Message, StringComparison.Ordinal);
        Assert.Contains("recursion limit", Assert.Throws<ExpressionException>(() =>
            recursion.EvaluatePlain("(function f(n) { return n == 0 ? 0 : 1 + f(n - 1); })(20)", Scope())).Message, StringComparison.Ordinal);
        Assert.Equal(9L, recursion.EvaluatePlain("(function f(n) { return n == 0 ? 0 : 1 + f(n - 1); })(9)", Scope()));
    }

    [Theory]
    [InlineData("System.IO.File.ReadAllText('/etc/passwd')")]
    [InlineData("importNamespace('System')")]
    [InlineData("eval('1 + 1')")]
    [InlineData("new Function('return 1')()")]
    [InlineData("clrHelper")]
    public void There_is_no_way_out_to_the_CLR(string source) =>
        Assert.Throws<ExpressionException>(() => Eval.EvaluatePlain(source, Scope()));

    [Theory]
    [InlineData("a ==")]
    [InlineData("1; 2")]
    [InlineData("")]
    public void Syntax_errors_are_expression_errors(string source) =>
        Assert.Throws<ExpressionException>(() => Eval.EvaluatePlain(source, Scope()));

    [Theory]
    [InlineData("P45D", "2017-02-15T00:00:00Z")]
    [InlineData("PT12H", "2017-01-01T12:00:00Z")]
    [InlineData("P1M", "2017-02-01T00:00:00Z")]
    [InlineData("P1Y2M10DT2H30M", "2018-03-11T02:30:00Z")]
    [InlineData("P2W", "2017-01-15T00:00:00Z")]
    [InlineData("settings.stallAfter", "2017-02-15T00:00:00Z")]
    [InlineData("'P' + (40 + 5) + 'D'", "2017-02-15T00:00:00Z")]
    [InlineData("86400000", "2017-01-02T00:00:00Z")]
    public void Durations_are_ISO_8601_literals_or_expressions_giving_one(string source, string expected) =>
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), Eval.Duration(source, Scope()).AddTo(T0));

    [Fact]
    public void Months_are_calendar_months_and_days_are_exact()
    {
        var endOfJanuary = new DateTimeOffset(2017, 1, 31, 9, 0, 0, TimeSpan.Zero);

        Assert.Equal(new DateTimeOffset(2017, 2, 28, 9, 0, 0, TimeSpan.Zero), IsoDuration.Parse("P1M").AddTo(endOfJanuary));
        Assert.Equal(new DateTimeOffset(2016, 2, 29, 9, 0, 0, TimeSpan.Zero), IsoDuration.Parse("P1M").AddTo(endOfJanuary.AddYears(-1)));
        Assert.Equal(new DateTimeOffset(2017, 3, 3, 9, 0, 0, TimeSpan.Zero), IsoDuration.Parse("P31D").AddTo(endOfJanuary));
    }

    [Theory]
    [InlineData("'P4X'")]
    [InlineData("P4X")]
    [InlineData("'soon'")]
    [InlineData("-1")]
    public void A_value_that_is_not_a_duration_is_an_error(string source) =>
        Assert.Throws<ExpressionException>(() => Eval.Duration(source, Scope()));

    [Theory]
    [InlineData("input.dueAt", "2017-06-30T00:00:00Z")]
    [InlineData("'2017-03-21'", "2017-03-21T00:00:00Z")]
    [InlineData("new Date(Date.parse(input.dueAt) - 14 * 86400000)", "2017-06-16T00:00:00Z")]
    [InlineData("'P14D'", "2017-01-15T00:00:00Z")]
    public void Moments_are_ISO_8601_dates_dates_or_durations_from_now(string source, string expected) =>
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture),
            Eval.Moment(source, Scope("""{"dueAt":"2017-06-30T00:00:00Z"}""")));

    [Fact]
    public void A_bare_date_is_refused_because_JavaScript_reads_it_as_a_subtraction() =>
        Assert.Throws<ExpressionException>(() => Eval.Moment("2017-03-21", Scope()));

    [Fact]
    public void The_correlation_of_a_where_is_read_for_the_index()
    {
        var terms = CorrelationReader.Read("event.commitmentId == input.commitmentId && vars.x > 1 && 'org' === event.kind && event.a == event.b");

        Assert.Equal(
            [new CorrelationTerm("commitmentId", "input.commitmentId"), new CorrelationTerm("kind", "'org'")],
            terms);
        Assert.Empty(CorrelationReader.Read("event.level > 2 || event.x == 1"));
    }
}
