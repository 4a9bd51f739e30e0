using System.Globalization;

namespace Opto.Optimizers;

/// <summary>
/// Fitting a problem to a token budget: the variables, the outputs and the feedback are always shown; the other
/// nodes are shown nearest first (in calls from a variable or to an output) for as long as they fit, and the ones
/// left out are replaced by markers that say how many and which calls they were. No value is cut to fit.
/// </summary>
internal sealed partial class ProblemBuilder
{
    // Headings, blank lines and rounding, counted once for the whole problem.
    private const int LayoutTokens = 48;

    // How many nodes too large for the room left are passed over before the search for smaller ones ends.
    private const int MaxPassedOver = 32;

    private bool _tentativeNames;

    private ProblemInstance Compact(PromptBudget budget, FixedSections fixedSections, Dictionary<string, string> commonReads)
    {
        var links = GraphLinks.Of(_nodes, _positions);
        var candidates = NearestFirst(links);

        // Costs are measured line by line with the nodes' own names (a clash suffix is added only when rendering).
        _tentativeNames = true;
        var used = MandatoryTokens(budget, fixedSections, commonReads);
        // Nearest first; a node too large for what is left is passed over, and the search ends after a few of those.
        var kept = new List<int>();
        var passedOver = 0;
        foreach (var index in candidates)
        {
            var cost = Tokens(budget, index, commonReads);
            if ((long)used + cost > budget.Tokens)
            {
                if (++passedOver == MaxPassedOver) break;
                continue;
            }

            used += cost;
            kept.Add(index);
        }

        var accepted = kept.Count;

        _tentativeNames = false;

        // The line-by-line sum is close to the whole text's count but not exact: shorten until the whole text fits.
        while (true)
        {
            ProblemInstance problem;
            if (accepted == candidates.Count)
            {
                problem = Render(fixedSections, commonReads, kept: null);
            }
            else
            {
                var shown = new bool[_nodes.Count];
                for (var k = 0; k < accepted; k++) shown[kept[k]] = true;
                NameInOrder(links, shown);
                problem = Render(fixedSections, commonReads, shown);
            }

            var tokens = budget.Count(problem.Render(_hidden));
            if (tokens <= budget.Tokens) return problem;
            if (accepted == 0) throw TooLarge(budget, tokens, compacted: candidates.Count > 0);
            accepted -= Math.Max(1, accepted / 10);
        }
    }

    private static InvalidOperationException TooLarge(PromptBudget budget, int tokens, bool compacted) =>
        PromptLimit.Exceeded(string.Create(CultureInfo.InvariantCulture,
            $"OptoPrime's problem takes {tokens:N0} tokens{(compacted ? " with every intermediate call left out" : "")}, over the {budget.Tokens:N0} ") +
            "its prompt budget leaves for it (OptoPrimeOptions.MaxPromptTokens, less the system prompt, the example, the memory and the " +
            "rejections). The variables, their constraints, the outputs and the feedback are always shown whole. Raise MaxPromptTokens " +
            "if the model's window allows, lower MaxValueLength (it caps the outputs' values) or MemorySize, or train fewer parameters " +
            "with one optimizer.");

    private int MandatoryTokens(PromptBudget budget, FixedSections fixedSections, Dictionary<string, string> commonReads)
    {
        var tokens = LayoutTokens + Shown(budget, ProblemSections.Instruction, fixedSections.Objective) +
            Shown(budget, ProblemSections.Variables, fixedSections.Variables) + Shown(budget, ProblemSections.Constraints, fixedSections.Constraints) +
            Shown(budget, ProblemSections.Feedback, fixedSections.Feedback);
        var documented = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < _nodes.Count; i++)
        {
            if (_codeAt[i] && _nodes[i] is MessageNode message && documented.Add(message.Operator.Key) && (_hidden & ProblemSections.Documentation) == 0)
            {
                tokens += budget.Count(message.Operator.Description ?? "(no documentation)") + 4;
                if (commonReads.GetValueOrDefault(message.Operator.Key) is { } reads) tokens += budget.Count(reads) + 4;
            }

            if (_outputAt[i]) tokens += Tokens(budget, i, commonReads);
        }

        return tokens;
    }

    private int Shown(PromptBudget budget, ProblemSections section, string text) => (_hidden & section) == 0 ? budget.Count(text) : 0;

    private int Tokens(PromptBudget budget, int index, Dictionary<string, string> commonReads)
    {
        var node = _nodes[index];
        var shownAsCode = _codeAt[index];
        var tokens = 0;
        if (shownAsCode && (_hidden & ProblemSections.Code) == 0) tokens += budget.Count(CodeText(node, commonReads));
        var section = shownAsCode ? ProblemSections.Others : ProblemSections.Inputs;
        if ((_hidden & section) == 0) tokens += budget.Count(ValueLine(node, _maxValueLength));
        return tokens;
    }

    // The nodes that may be left out, nearest first: fewest calls from a variable or to an output, then graph order.
    private List<int> NearestFirst(GraphLinks links)
    {
        var count = _nodes.Count;
        var toOutput = links.Distances(_outputAt, forward: false);
        var fromVariable = links.Distances(_variableAt, forward: true);

        var distance = new int[count];
        var perDistance = new int[count + 2];
        for (var i = 0; i < count; i++)
        {
            distance[i] = -1;
            if (_outputAt[i] || _variableAt[i]) continue;
            var d = Math.Min(toOutput[i], fromVariable[i]);

            // A value that is not a call (an input) is worth what the nearest call reading it is worth.
            if (!_codeAt[i])
            {
                foreach (var child in links.ChildrenOf(i)) d = Math.Min(d, Math.Min(toOutput[child], fromVariable[child]));
            }

            distance[i] = Math.Min(d, count);
            perDistance[distance[i] + 1]++;
        }

        // A counting sort: stable, so graph order within a distance.
        for (var d = 1; d < perDistance.Length; d++) perDistance[d] += perDistance[d - 1];
        var order = new int[perDistance[^1]];
        for (var i = 0; i < count; i++)
        {
            if (distance[i] >= 0) order[perDistance[distance[i]]++] = i;
        }

        return [.. order];
    }

    // Names are given in graph order to what is shown and to what a shown line refers to, so a clash suffix goes to the
    // later node, as in a problem shown whole.
    private void NameInOrder(GraphLinks links, bool[] kept)
    {
        var named = new bool[_nodes.Count];
        for (var i = 0; i < _nodes.Count; i++)
        {
            if (!kept[i] && !_outputAt[i]) continue;
            named[i] = true;
            foreach (var parent in links.ParentsOf(i)) named[parent] = true;
        }

        for (var i = 0; i < _nodes.Count; i++)
        {
            if (named[i]) NameOf(_nodes[i]);
        }
    }
}
