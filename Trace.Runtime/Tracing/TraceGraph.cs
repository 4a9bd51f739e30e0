using Opto.Backward;
using Opto.Export;
using Opto.Interception;

namespace Opto;

/// <summary>
/// The execution graph of one trace scope: the nodes recorded in call order, and which node produced
/// each reference-typed value (by identity), so a value passed to a later traced call links the two nodes.
/// </summary>
/// <remarks>Thread-safe: the calls of one rollout may run concurrently.</remarks>
public sealed class TraceGraph
{
    private readonly SpinGate _lock = new();
    private readonly NodeStore _nodes;
    private readonly IdentityMap _producers;
    // Elements of returned collections, linked when next used; null until a traced call returns one. The count lets
    // lookups skip the lock while none is waiting.
    private ElementSources? _elements;
    private volatile int _pendingElements;
    private int _epoch;
    private int[] _counters = new int[32];
    private InputKind?[] _inputKinds = new InputKind?[32];

    /// <summary>An empty graph; each <see cref="TraceScope"/> has one.</summary>
    public TraceGraph()
    {
        _nodes = new NodeStore();
        _producers = new IdentityMap(_nodes);
    }

    /// <summary>
    /// The number of nodes recorded in this scope: inputs, calls, exceptions and collections. Trainable parameters are not
    /// counted: they belong to their objects and are shared by every scope (see <see cref="ToDot"/>).
    /// </summary>
    public int Count
    {
        get
        {
            SettleCompletedCalls();
            using (_lock.Enter()) return _nodes.Count;
        }
    }

    /// <summary>How many nodes are recorded now, read without waiting: the index the next node will take, as far as this flow knows.</summary>
    internal int RecordedCount => _nodes.Count;

    /// <summary>The nodes recorded, in the order their calls completed (parameters are not among them; see <see cref="Count"/>).</summary>
    public IReadOnlyList<Node> Nodes
    {
        get
        {
            SettleCompletedCalls();
            using (_lock.Enter()) return _nodes.ToArray();
        }
    }

    /// <summary>The node that produced (or introduced) a value in this graph, or <see langword="null"/>.</summary>
    /// <param name="value">
    /// A value returned by a traced call, an exception it threw, or a node. Values without identity (value types,
    /// interned strings such as literals) are never found: see the README's section on provenance.
    /// </param>
    public Node? NodeOf(object? value)
    {
        if (value is Node node) return node;
        if (value is null) return null;
        SettleCompletedCalls();
        // Found without the lock when it is there; a miss is checked again under it.
        if (!MayWait(value) && _producers.Find(value) is { } found) return found;
        using (_lock.Enter()) return ProducerLocked(value);
    }

    /// <summary>Gives feedback on the node that produced <paramref name="value"/>; see <see cref="Node.Backward"/>.</summary>
    /// <param name="value">A value a traced call of this graph returned, an exception it threw, or a node.</param>
    /// <param name="feedback">The feedback.</param>
    /// <param name="options">What to do when the feedback reaches no trainable parameter (by default: report it).</param>
    /// <exception cref="ArgumentException">The value was not produced by a traced call of this graph.</exception>
    /// <exception cref="FeedbackReachedNothingException">
    /// No trainable parameter was reached and <see cref="BackwardOptions.ThrowWhenNothingReached"/> is set.
    /// </exception>
    public BackwardResult Backward(object value, string feedback, BackwardOptions? options = null) =>
        (NodeOf(value) ?? throw new ArgumentException(
            "This value has no node in the graph: it was not returned by a traced call in this trace scope. " +
            "Value types and interned strings carry no identity; pass the node itself (for example from NodeOf on a reference-typed result) " +
            "or wrap the value with Node.Create.",
            nameof(value))).Backward(feedback, options);

    /// <summary>Forgets every node; values produced before no longer link to anything.</summary>
    public void Clear()
    {
        using (_lock.Enter())
        {
            _nodes.Clear();
            _producers.Clear();
            _elements?.Clear();
            _filledClaims?.Clear();
            _late = null;
            _epoch++;
            _pendingElements = 0;
            Array.Clear(_counters);
            Array.Clear(_inputKinds);
        }
    }

    /// <summary>
    /// The graph in Graphviz DOT: the recorded <see cref="Nodes"/> and also the parameters and hand-made nodes they read,
    /// drawn as their parents, so a drawing has <see cref="Count"/> plus that many boxes.
    /// </summary>
    public string ToDot() => GraphExport.ToDot(Nodes);

    /// <summary>The graph as a Mermaid flowchart, with the same nodes as <see cref="ToDot"/>.</summary>
    public string ToMermaid() => GraphExport.ToMermaid(Nodes);

    internal Node Input<T>(T value, NameKey name, bool constant)
    {
        if (HasIdentity(value))
        {
            if (value is Node explicitNode) return explicitNode;
            if (!constant)
            {
                if (!MayWait(value!) && _producers.Find(value) is { } known) return known;
                using (_lock.Enter())
                {
                    if (ProducerLocked(value) is { } producer) return producer;
                    var input = Add(new InputNode(KindOf(name, typeof(T)), NextOrdinal(name), value));
                    _producers.Set(value, input);
                    return input;
                }
            }
        }

        using (_lock.Enter()) return Add(new InputNode(KindOf(name, typeof(T)), NextOrdinal(name), value));
    }

    /// <summary>
    /// The node already recorded for a value with an identity, or made now for an element of a collection a traced call
    /// returned; found without the lock unless the value may be waiting, when <see langword="null"/> may be stale.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    internal Node? Known(object value) => MayWait(value) ? KnownLocked(value) : _producers.Find(value);

    /// <summary>The calls whose caller got the very task they returned, still running, until they are recorded.</summary>
    internal PendingCalls PendingCalls { get; } = new();

    /// <summary>
    /// When the calls that fill collections they are given (see <c>Interception.FilledArguments</c>) claimed <paramref name="element"/>
    /// as their output, on their clock; 0 when none did.
    /// </summary>
    internal long FilledAt(object element)
    {
        using (_lock.Enter()) return _filledClaims is { } claims && claims.TryGetValue(element, out var at) ? at : 0;
    }

    /// <summary>Records that <paramref name="node"/>'s call added <paramref name="elements"/> to what it was given, claimed at <paramref name="at"/>.</summary>
    internal void AddFilled(Node node, List<(object Element, string Expression)> elements, long at)
    {
        using (_lock.Enter())
        {
            _filledClaims ??= new Dictionary<object, long>(ReferenceEqualityComparer.Instance);
            foreach (var (element, _) in elements) _filledClaims[element] = at;
        }

        AddElements(node, elements);
    }

    // Held as the graph holds its values, until it is cleared.
    private Dictionary<object, long>? _filledClaims;

    // A value read from the graph may be the result (or the exception) of such a call whose task has completed but whose
    // continuation has not run yet: it is recorded first. Traced calls and glue do this once as they start (whatever
    // they are given was obtained before); the graph does it for what is read from outside. Never under the lock.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private void SettleCompletedCalls() => PendingCalls.SettleCompleted();

    // Whether the value may be an element or a text waiting to be linked, whose node is made under the lock: never while
    // none waits, and only for a value the waiting ones' filter does not rule out.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private bool MayWait(object value) => _pendingElements != 0 && _elements!.MayHold(value);

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private Node? KnownLocked(object value)
    {
        using (_lock.Enter()) return ProducerLocked(value);
    }

    /// <summary>
    /// What made a value glue reads back (<see cref="TracedCall.Glued{T}"/>), in one look-up: the traced call that made it
    /// itself (the call whose result it was, or for an element of a returned collection the call that made the element,
    /// no node being made for the element), the glue node it was recorded as before, or the nodes of the parts a
    /// combiner's text waits with. All null for an input, and for a value a collection stands for.
    /// </summary>
    internal void SourcesOf(object value, out Node? own, out GlueNode? before, out Node[]? parts)
    {
        own = null;
        before = null;
        parts = null;
        if (MayWait(value))
        {
            using (_lock.Enter())
            {
                if (_elements!.TryPeek(value, out var waiting))
                {
                    if (waiting.Source is CombinedParts combined) parts = combined.Parents;
                    else own = waiting.Earlier;
                    return;
                }
            }
        }

        switch (_producers.Find(value))
        {
            case MessageNode call:
                own = call;
                break;
            case GlueNode glue:
                before = glue;
                break;
        }
    }

    /// <summary>The node recorded for a value, without making one for an element that waits (see <see cref="ElementSources"/>).</summary>
    internal Node? Recorded(object? value) => value is null ? null : _producers.Find(value);

    /// <summary>
    /// Makes <paramref name="node"/>, whose call returned a collection or tuple, the latest producer of its elements, each
    /// with the expression that reads it out (<c>search0[2]</c>); an element's node is made when it is next asked for.
    /// </summary>
    internal void AddElements(Node node, List<(object Element, string Expression)> elements)
    {
        using (_lock.Enter())
        {
            _elements ??= new ElementSources();
            foreach (var (element, expression) in elements)
            {
                // Its own producer: the one an earlier collection recorded for it while it waits (no node is made for it now),
                // or, for a combiner's text, the node of what it was made of (made now: the element's entry replaces the text's).
                var earlier = !_elements.TryPeek(element, out var waiting) ? _producers.Find(element)
                    : waiting.Source is CombinedParts ? ProducerLocked(element) : waiting.Earlier;
                _elements.Set(element, node, expression, earlier is InputNode || ReferenceEquals(earlier, node) ? null : earlier);
            }

            _pendingElements = _elements.Count;
        }
    }

    // The parameters the traced calls of a traced iterator's body depended on, by the iterator's call: its body runs after
    // its node was made, which stays as it was (a backward may be using it). Under the lock.
    private Dictionary<Node, ParameterNode[]>? _late;

    /// <summary>Whether a traced iterator's body made traced calls that depended on parameters.</summary>
    internal bool HasLateDependencies => Volatile.Read(ref _late) is not null;

    /// <summary>The parameters the calls a traced iterator's body made as it was read depended on, so far: none for any other node.</summary>
    internal ParameterNode[] LateDependencies(Node node)
    {
        using (_lock.Enter()) return _late is { } late && late.TryGetValue(node, out var found) ? found : [];
    }

    /// <summary>Sets what the calls of the traced iterator <paramref name="node"/>'s body depended on so far (see <see cref="LateDependencies"/>).</summary>
    internal void SetLateDependencies(Node node, ParameterNode[] parameters)
    {
        using (_lock.Enter())
        {
            var late = _late ?? new Dictionary<Node, ParameterNode[]>(ReferenceEqualityComparer.Instance);
            late[node] = parameters;
            Volatile.Write(ref _late, late);
        }
    }

    /// <summary>
    /// Makes <paramref name="node"/>, a traced iterator's call, the producer of <paramref name="element"/> it yielded, read out
    /// by <paramref name="expression"/>, with the parameters the traced calls its body made before yielding it depended on
    /// (<paramref name="late"/>): its body runs as the sequence is read, after the call's node was made, so the element's
    /// node, made when it is first passed on, depends on them too.
    /// </summary>
    internal void AddStreamElement(Node node, object element, string expression, ParameterNode[] late)
    {
        using (_lock.Enter())
        {
            _elements ??= new ElementSources();
            var earlier = !_elements.TryPeek(element, out var waiting) ? _producers.Find(element)
                : waiting.Source is CombinedParts ? ProducerLocked(element) : waiting.Earlier;
            Node[] parents = earlier is null or InputNode || ReferenceEquals(earlier, node) ? [node, .. late] : [node, earlier, .. late];
            _elements.SetCombined(element, new CombinedParts(parents, NameKey.For(node.NameBase + "Item")), expression);
            _pendingElements = _elements.Count;
        }
    }

    // The producer of a value: the node of an element of a returned collection (made when it is first asked for), or the
    // node recorded for it. Under the lock.
    private Node? ProducerLocked(object value)
    {
        if (_pendingElements == 0 || !_elements!.TryTake(value, out var pending)) return _producers.Find(value);
        _pendingElements = _elements.Count;
        GlueNode node;
        if (pending.Source is CombinedParts combined)
        {
            node = Add(new GlueNode(combined.Name.Text, NextOrdinal(combined.Name), pending.Expression, value, value.GetType(), combined.Parents));
        }
        else
        {
            var source = (Node)pending.Source;
            var name = NameKey.For(source.NameBase + "Item");
            node = Add(pending.Earlier is { } earlier
                ? new GlueNode(name.Text, NextOrdinal(name), pending.Expression, value, value.GetType(), [source, earlier])
                : new GlueNode(name.Text, NextOrdinal(name), pending.Expression, value, value.GetType(), source));
        }

        _producers.Set(value, node);
        return node;
    }

    /// <summary>How many times the graph was cleared: what was recorded about values before a clear is not linked after it.</summary>
    internal int Epoch => Volatile.Read(ref _epoch);

    /// <summary>
    /// Makes <paramref name="text"/>, which a combiner made of parts whose nodes are <paramref name="parents"/>, wait as glue
    /// over them (see <see cref="ElementSources.SetCombined"/>): a text that is never passed on costs one entry, not a node.
    /// Nothing when the text is already a value of the graph.
    /// </summary>
    internal void AddCombined(string text, Node[] parents, NameKey name, string expression)
    {
        using (_lock.Enter())
        {
            if (_producers.Find(text) is not null) return;
            _elements ??= new ElementSources();
            if (_elements.TryPeek(text, out _)) return;
            _elements.SetCombined(text, new CombinedParts(parents, name), expression);
            _pendingElements = _elements.Count;
        }
    }

    // A value a call produced itself: its producer from now on, whatever collection returned it before. Under the lock.
    private void SetProducer(object value, Node node) => SetProducerAt(_producers.Probe(value), value, node);

    private void SetProducerAt(int slot, object value, Node node)
    {
        _producers.SetAt(slot, value, node);
        if (_pendingElements != 0)
        {
            _elements!.Remove(value);
            _pendingElements = _elements.Count;
        }
    }

    /// <summary>An argument recorded late (see <see cref="TracedCall.Arg{T}"/>), by its static type.</summary>
    internal Node Input(object? value, Type type, bool linkable, NameKey name)
    {
        using (_lock.Enter()) return InputLocked(new(null, value, type, linkable), name)!;
    }

    /// <summary>
    /// A call whose arguments new to the graph are recorded with its node, under one lock. The node holds those inputs
    /// itself (<see cref="NodeWithNewInputs"/>): one object for the call instead of one more per new input.
    /// </summary>
    internal MessageNode AddCall(OperatorInfo op, WaitingInput first, WaitingInput second, ParameterNode[] dependencies, object? value, bool hasIdentity)
    {
        using (_lock.Enter())
        {
            var arity = op.ParameterKeys.Length;
            if (!Holdable(op, 0, first) || (arity > 1 && !Holdable(op, 1, second)))
            {
                // An argument of another type than its operator's held inputs (see OperatorInfo.HeldInputKind): every input a
                // node of its own, as for a call of more parameters, so the order of the nodes stays the order of the arguments.
                var firstNode = arity > 0 ? InputLocked(first, op.ParameterKeys[0]) : null;
                var secondNode = arity > 1 ? InputLocked(second, op.ParameterKeys[1]) : null;
                return AddMessageLocked(new MessageNode(op, NextOrdinal(op.NodeName), arity, firstNode, secondNode, null, dependencies, value), value, hasIdentity);
            }

            var firstInput = arity > 0 ? Resolve(first, op.ParameterKeys[0]) : NewInput.Recorded(null);
            if (firstInput.IsNew && first.Linkable && arity > 1 && second.Type is not null && ReferenceEquals(first.Value, second.Value))
            {
                // The same new object passed twice: its input node is made now, and found in the map for the second.
                var shared = Add(new InputNode(op.HeldInputKind(0), firstInput.Ordinal, first.Value));
                _producers.Set(first.Value!, shared);
                firstInput = NewInput.Recorded(shared);
            }

            var secondInput = arity > 1 ? Resolve(second, op.ParameterKeys[1]) : NewInput.Recorded(null);
            var node = new NodeWithNewInputs(op, NextOrdinal(op.NodeName), firstInput, secondInput, dependencies, value);
            var position = _nodes.Count;
            _nodes.Add(node, node.Positions);
            if (firstInput.IsNew && first.Linkable) _producers.Insert(_producers.Probe(first.Value!), first.Value!, position);
            if (firstInput.IsNew) position++;
            if (secondInput.IsNew && second.Linkable) _producers.Insert(_producers.Probe(second.Value!), second.Value!, position);
            if (hasIdentity) SetProducer(value!, node);
            return node;
        }
    }

    // Whether the argument, if it is new, can be held by its call: its type is the one the operator's held inputs have.
    private static bool Holdable(OperatorInfo op, int index, in WaitingInput input) =>
        input.Type is not { } type || op.HeldInputKind(index, type) is not null;

    // An argument of AddCall: the node recorded for it before, or its value as a new input (its ordinal taken now, in the
    // order the inputs of a call always took them).
    private NewInput Resolve(in WaitingInput input, NameKey name)
    {
        if (input.Type is null) return NewInput.Recorded(input.Node);
        if (input.Linkable)
        {
            if (input.Value is Node node) return NewInput.Recorded(node);
            if (_pendingElements != 0 && ProducerLocked(input.Value!) is { } element) return NewInput.Recorded(element);
            if (_producers.NodeAt(_producers.Probe(input.Value!)) is { } producer) return NewInput.Recorded(producer);
        }

        return new(input.Value, NextOrdinal(name));
    }

    private Node? InputLocked(WaitingInput input, NameKey name)
    {
        if (input.Type is not { } type) return input.Node;
        var value = input.Value;
        if (!input.Linkable) return Add(new InputNode(KindOf(name, type), NextOrdinal(name), value));
        if (value is Node node) return node;
        if (_pendingElements != 0 && ProducerLocked(value!) is { } element) return element;
        var slot = _producers.Probe(value!);
        if (_producers.NodeAt(slot) is { } producer) return producer;
        var created = Add(new InputNode(KindOf(name, type), NextOrdinal(name), value));
        _producers.Insert(slot, value!, created);
        return created;
    }

    // The inputs of one parameter name share their kind (one per name and type in a graph). Under the lock.
    private InputKind KindOf(NameKey name, Type type)
    {
        if (name.Id >= _inputKinds.Length) Array.Resize(ref _inputKinds, Math.Max(name.Id + 1, _inputKinds.Length * 2));
        return _inputKinds[name.Id] is { } kind && kind.Type == type ? kind : _inputKinds[name.Id] = new InputKind(name.Text, type);
    }

    /// <summary>
    /// A collection argument: a <see cref="CollectionNode"/> whose parents are the nodes of its elements (and the node
    /// that produced the collection itself, if a traced call did, and <paramref name="glued"/>: producers of elements that
    /// glue code made), or a plain input when no element links to anything.
    /// </summary>
    internal Node Collection<T>(T value, NameKey name, List<object?> elements, List<Node>? glued = null)
    {
        List<Node>? linked = null;
        HashSet<Node>? seen = null;
        using (_lock.Enter())
        {
            if (value is not null && ProducerLocked(value) is { } producer and not InputNode) Link(producer);
            foreach (var element in elements)
            {
                if (element is Node node) Link(node);
                else if (HasIdentity(element) && !element.GetType().IsValueType && ProducerLocked(element) is { } elementProducer) Link(elementProducer);
            }

            // Producers of elements that glue code made: linked only along with the elements that keep their identity, since
            // a collection none of whose elements link is recorded as a glue node over them instead.
            if (linked is not null && glued is not null)
            {
                foreach (var node in glued) Link(node);
            }

            if (linked is not null) return Add(new CollectionNode(name.Text, NextOrdinal(name), value, typeof(T), [.. linked], elements.Count));
        }

        return Input(value, name, constant: false);

        void Link(Node node)
        {
            linked ??= [];
            seen ??= new HashSet<Node>(ReferenceEqualityComparer.Instance);
            if (seen.Add(node)) linked.Add(node);
        }
    }

    /// <summary>
    /// A value glue code computed from <paramref name="source"/> alone, or from the nodes of <paramref name="sources"/> when it
    /// is given (its first is <paramref name="source"/>); it becomes the producer of the value if it has an identity.
    /// </summary>
    internal GlueNode Glue<T>(T value, NameKey name, string expression, Node source, List<Node>? sources)
    {
        using (_lock.Enter())
        {
            var ordinal = NextOrdinal(name);
            var node = Add(sources is null
                ? new GlueNode(name.Text, ordinal, expression, value, typeof(T), source)
                : new GlueNode(name.Text, ordinal, expression, value, typeof(T), [.. sources]));
            // Glue that passes on an object the program had before (`ok ? input : input.Normalize()` given its own input, a
            // prompt) did not make it: later uses of that object still come from where it came from, not from this glue, which
            // would otherwise become the producer of the caller's input and link every later call on it here.
            if (HasIdentity(value))
            {
                var slot = _producers.Probe(value);
                if (_producers.NodeAt(slot) is not (InputNode or ParameterNode)) SetProducerAt(slot, value, node);
            }

            return node;
        }
    }

    /// <summary>
    /// An object as a call read it, over the nodes of <paramref name="sources"/>: what its members held, and its own producer.
    /// It does not become the object's producer: later calls read the members again.
    /// </summary>
    internal GlueNode GlueOver(object? value, Type type, NameKey name, string expression, List<Node> sources)
    {
        using (_lock.Enter())
        {
            var ordinal = NextOrdinal(name);
            return Add(sources.Count == 1
                ? new GlueNode(name.Text, ordinal, expression, value, type, sources[0])
                : new GlueNode(name.Text, ordinal, expression, value, type, [.. sources]));
        }
    }

    /// <summary>
    /// The condition <paramref name="expression"/> over the nodes <paramref name="source"/> (or <paramref name="sources"/>, whose
    /// first it is) that decided a call: the one made for the call before, when the same condition over the same results
    /// decided it too (one <c>if</c> around two calls), else a new one.
    /// </summary>
    internal DecisionNode Decision(string expression, Node source, List<Node>? sources)
    {
        using (_lock.Enter())
        {
            if (_lastDecision is { } last && Contains(last) && ReferenceEquals(last.Expression, expression) && last.HasParents(source, sources)) return last;
            return _lastDecision = Add(new DecisionNode(NextOrdinal(s_decision), expression, source, sources));
        }
    }

    private static readonly NameKey s_decision = NameKey.For("decision");

    private DecisionNode? _lastDecision;

    /// <summary>Whether <paramref name="node"/> was recorded in this graph (and not cleared since).</summary>
    internal bool Contains(Node node) => _nodes.Holds(node);

    /// <summary>
    /// Whether a value can be linked to its producer by reference: not a value type, not null, and not the shared empty
    /// string instance. (Interned literals and the empty string get an identity of their own in <c>TracedCall</c>.)
    /// </summary>
    internal static bool HasIdentity<T>([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] T value) =>
        !typeof(T).IsValueType && value is not null && !ReferenceEquals(value, string.Empty);

    internal MessageNode AddMessage(OperatorInfo op, Node[] inputs, ParameterNode[] dependencies, object? value, bool hasIdentity) =>
        AddMessage(op, inputs, receiver: null, decision: null, dependencies, value, hasIdentity);

    /// <summary>
    /// A call whose method ran on an object a traced call produced (<paramref name="receiver"/>), or that a condition over
    /// traced results decided (<paramref name="decision"/>): each a parent too.
    /// </summary>
    internal MessageNode AddMessage(OperatorInfo op, Node[] inputs, Node? receiver, DecisionNode? decision, ParameterNode[] dependencies, object? value, bool hasIdentity)
    {
        using (_lock.Enter())
        {
            var node = Add(new MessageNode(op, NextOrdinal(op.NodeName), inputs, receiver, decision, dependencies, value));
            if (hasIdentity) SetProducer(value!, node);
            return node;
        }
    }

    internal MessageNode AddMessage(OperatorInfo op, int arity, Node? first, Node? second, Node[]? all, ParameterNode[] dependencies, object? value, bool hasIdentity)
    {
        using (_lock.Enter()) return AddMessageLocked(new MessageNode(op, NextOrdinal(op.NodeName), arity, first, second, all, dependencies, value), value, hasIdentity);
    }

    private MessageNode AddMessageLocked(MessageNode node, object? value, bool hasIdentity)
    {
        Add(node);
        if (hasIdentity) SetProducer(value!, node);
        return node;
    }

    internal ExceptionNode AddException(OperatorInfo op, Node[] inputs, Node? receiver, DecisionNode? decision, ParameterNode[] dependencies, Exception exception)
    {
        SettleCompletedCalls();
        using (_lock.Enter())
        {
            var cause = FindCause(exception);
            var node = Add(new ExceptionNode(op, NextOrdinal(op.NodeName), inputs, receiver, decision, dependencies, exception, cause));
            SetProducer(exception, node);
            return node;
        }
    }

    // An exception thrown by a traced call further down (possibly wrapped) links to that call's exception node.
    private Node? FindCause(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            if (_producers.Find(e) is { } node) return node;
        }

        if (exception is AggregateException aggregate)
        {
            foreach (var inner in aggregate.InnerExceptions)
            {
                if (_producers.Find(inner) is { } node) return node;
            }
        }

        return null;
    }

    private TNode Add<TNode>(TNode node) where TNode : Node
    {
        _nodes.Add(node);
        return node;
    }

    private int NextOrdinal(NameKey name)
    {
        if (name.Id >= _counters.Length) Array.Resize(ref _counters, Math.Max(name.Id + 1, _counters.Length * 2));
        return _counters[name.Id]++;
    }
}
