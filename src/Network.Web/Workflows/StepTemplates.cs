using YamlDotNet.RepresentationModel;

namespace Network.Web.Workflows;

/// <summary>
/// What a step added from the graph starts as: the activity's required keys with placeholder values the coordinator
/// then edits (in the form or the YAML). Kinds whose shape is a list of steps or cases (do, parallel, switch, loop)
/// are added in the YAML editor: a placeholder for them would only be a dangling transition.
/// </summary>
public static class StepTemplates
{
    public static IReadOnlyList<string> Activities { get; } =
        ["wait-for", "timer", "set", "publish", "notify", "escalate", "task", "call", "if", "end", "fail"];

    internal static YamlMappingNode Create(string activity, string id)
    {
        var step = new YamlMappingNode { { "id", id } };
        switch (activity)
        {
            case "wait-for":
                step.Add("wait-for", "SomethingHappened");
                step.Add("where", "event.id == input.id");
                break;
            case "timer":
                step.Add("timer", new YamlMappingNode { { "after", "P1D" } });
                break;
            case "set":
                step.Add("set", new YamlMappingNode { { "note", "'changed'" } });
                break;
            case "publish":
                step.Add("publish", "SomethingHappened");
                break;
            case "notify":
                step.Add("notify", "owners");
                step.Add("message", "'Write the message here'");
                break;
            case "escalate":
                step.Add("escalate", "owners");
                step.Add("level", "1");
                break;
            case "task":
                step.Add("task", "owners");
                step.Add("title", "'Write the task title here'");
                break;
            case "call":
                step.Add("call", "another-workflow");
                break;
            case "if":
                step.Add("if", "true");
                step.Add("then", "end");
                break;
            case "end":
                step.Add("end", NoValue());
                break;
            case "fail":
                step.Add("fail", "'Write the reason here'");
                break;
            default:
                throw new ArgumentException($"steps of kind '{activity}' are added in the YAML editor; the graph adds {string.Join(", ", Activities)}", nameof(activity));
        }
        return step;
    }

    /// <summary>
    /// A key with no value (<c>end:</c>), exactly as the parser reads one: a scalar built by hand with an empty
    /// value is written back as <c>''</c>, which the loader rightly refuses.
    /// </summary>
    private static YamlNode NoValue()
    {
        var stream = new YamlStream();
        stream.Load(new StringReader("key:"));
        return ((YamlMappingNode)stream.Documents[0].RootNode).Children.Values.Single();
    }
}
