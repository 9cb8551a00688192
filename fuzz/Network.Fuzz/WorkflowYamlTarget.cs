using Network.Workflows.Validation;

namespace Network.Fuzz;

/// <summary>
/// The YAML loader with the validator after it (what publishing runs): any text gives a definition or a list of
/// errors, each at a line and column of the text; nothing else may come out.
/// </summary>
internal static class WorkflowYamlTarget
{
    public static void Run(string yaml)
    {
        var result = WorkflowValidator.Check(yaml, "fuzz.yaml");
        var lines = yaml.Count(c => c is '\n' or '\r' or '\u0085' or '\u2028' or '\u2029') + 1;
        foreach (var error in result.Errors)
        {
            if (error.At.Line < 1 || error.At.Line > lines + 1 || error.At.Column < 1 || string.IsNullOrWhiteSpace(error.Message))
            {
                throw new InvalidOperationException($"an error with no place in the text: {error}");
            }
        }
        if (result.Succeeded != (result.Definition is not null && result.Errors.Count == 0))
        {
            throw new InvalidOperationException("a result that succeeded without a definition");
        }
    }
}
