using System.ComponentModel;

namespace Opto.Interception;

/// <summary>
/// One traced call being recorded. Generated interceptors create it when a trace scope is current,
/// map each argument to a node, run the method, and record the result or the exception.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public struct TracedCall
{
    private readonly TraceGraph _graph;
    private readonly OperatorInfo _op;
    // The inputs of a method of at most two parameters are held in fields, and handed to its node so (no array per call).
    private readonly Node[]? _inputs;
    private Node? _first;
    private Node? _second;
    // A leaf's argument not yet in the graph waits for the call to complete, to be recorded with its node under one lock.
    private object? _firstValue;
    private object? _secondValue;
    private Type? _firstType;
    private Type? _secondType;
    private bool _firstLinkable;
    private bool _secondLinkable;
    private readonly object? _receiver;
    private Node? _receiverNode;
    private readonly CallFrame? _frame;
    private CallFrame.Entry _entry;
    private readonly CallFrame? _caller;
    private readonly GlueSlots.Slot? _slot;

    // The slot of this site's call before this one: glue given to this call finds that call's result there.
    private readonly GlueSlots.Slot? _replaced;
    private readonly System.Diagnostics.Activity? _span;
    private FilledArguments? _filled;
    private MemberReads? _memberReads;
    private CallControls? _controls;

    /// <summary>The graph the call is recorded in.</summary>
    internal readonly TraceGraph Graph => _graph;

    /// <summary>The name of the method called, for messages.</summary>
    internal readonly string MethodName => _op.MethodName;

    /// <summary>
    /// Starts recording a call whose result flows into another traced call through glue code: its node is left in the
    /// slot <paramref name="slotTag"/> when it completes.
    /// </summary>
    public TracedCall(TraceScope scope, OperatorInfo op, object? receiver, string slotTag)
        : this(scope, op, receiver, GlueSlots.Open(slotTag, scope.Graph, out var replaced))
    {
        _replaced = replaced;
    }

    /// <summary>Starts recording a call of <paramref name="op"/> on <paramref name="receiver"/> (null for static methods).</summary>
    public TracedCall(TraceScope scope, OperatorInfo op, object? receiver)
        : this(scope, op, receiver, slot: null)
    {
    }

    // The slot is opened before the frame is entered, so leaving the frame can restore the context as it was.
    private TracedCall(TraceScope scope, OperatorInfo op, object? receiver, GlueSlots.Slot? slot)
    {
        _slot = slot;
        _graph = scope.Graph;
        // Every value the call is given was obtained before it started: a call whose task completed by then, and whose
        // own continuation has not run yet, is recorded first, once for all of this call's look-ups.
        _graph.PendingCalls.SettleCompleted();
        _op = op;
        _receiver = receiver;
        _inputs = op.ParameterKeys.Length > 2 ? new Node[op.ParameterKeys.Length] : null;
        if (OptoTelemetry.TracedCallSpans) _span = OptoTelemetry.StartCall(op);
        // A method the compiler proved makes no traced call needs no frame of its own; it only reports to its caller's.
        if (op.CallsTracedCode)
        {
            _frame = CallFrame.Enter(op, receiver, out _entry);
            _caller = _frame.Parent;
        }
        else
        {
            _caller = CallFrame.Current;
        }
    }

    /// <summary>
    /// Links the object the method is called on, when a traced call produced it (<c>var doc = Load(path); doc.Summarize()</c>):
    /// that call's node becomes a parent of this one. An object that entered the graph only as an input is not linked
    /// (a service the program holds is not something the call's value was computed from). Generated code calls this
    /// before the method runs, for calls written on another object than <c>this</c>.
    /// </summary>
    public void LinkReceiver()
    {
        if (_receiver is not null && _graph.Known(_receiver) is { } node and not InputNode) _receiverNode = node;
    }

    /// <summary>
    /// Links the object the method is called on when the compiler proved it is the value-typed result of the traced call
    /// <paramref name="source"/> (<c>var point = Locate(x); point.Describe()</c>): that call's node, when its value is this one.
    /// </summary>
    public void ReceiverFromSlot<T>(T receiver, string source)
    {
        if (GlueSlots.Find(source, _graph) is { Value: T produced } node && SameValue.Is(produced, receiver)) _receiverNode = node;
    }

    /// <summary>
    /// Links the object the method is called on when glue code reached it from the results of the traced calls
    /// <paramref name="sources"/> (<c>Load(path).Pages[0].Summarize()</c>): its own producer if a traced call returned it,
    /// else a <see cref="GlueNode"/> named <paramref name="name"/> over those calls, whose operator is <paramref name="expression"/>.
    /// </summary>
    public void GluedReceiver<T>(T receiver, string name, string expression, params ReadOnlySpan<string> sources)
    {
        if (receiver is null) return;
        if (!typeof(T).IsValueType && _graph.Known(receiver) is { } known and not InputNode)
        {
            _receiverNode = known;
            return;
        }

        var (single, nodes) = LatestNodes(sources);

        if (single is null) return;
        // The same object reached the same way again (a second call on it) is one node.
        _receiverNode = !typeof(T).IsValueType && _graph.Recorded(receiver) is GlueNode earlier && earlier.Expression == expression && earlier.HasParents(single, nodes)
            ? earlier
            : _graph.Glue(receiver, NameKey.For(name), expression, single, nodes);
    }

    /// <summary>Records an argument: the node that produced it, or a new input node.</summary>
    public void Arg<T>(int index, T value)
    {
        // A leaf makes no traced call while it runs, so an argument new to the graph can wait for the call to complete and
        // be recorded with the call's node under one lock. A known one is linked at once, without a lock.
        if (_frame is null && _inputs is null)
        {
            var linkable = TraceGraph.HasIdentity(value);
            if (linkable && (value as Node ?? _graph.Known(value!)) is { } known)
            {
                SetInput(index, known);
                return;
            }

            if (index == 0) (_firstValue, _firstType, _firstLinkable) = (value, typeof(T), linkable);
            else (_secondValue, _secondType, _secondLinkable) = (value, typeof(T), linkable);
            return;
        }

        Record(index, value);
    }

    /// <summary>Records an argument the compiler saw as a constant: always a new input node, never linked by identity.</summary>
    public void Constant<T>(int index, T value) => SetInput(index, _graph.Input(value, _op.ParameterKeys[index], constant: true));

    /// <summary>
    /// Records a collection argument: its elements that came from traced calls, or are parameters, become parents.
    /// Only arrays and the framework's collections that hold their elements are looked into (see <see cref="StoredElements"/>):
    /// a lazy sequence, or a collection class whose enumeration is the program's own code, is never enumerated (the call
    /// untraced would not have), and is recorded as one value. With glue, the traced calls whose results the compiler
    /// proved flow into elements that untraced code made (<c>[summary + "!", other]</c>): their latest nodes are parents too.
    /// </summary>
    public void Items<TElement>(int index, IEnumerable<TElement>? items) => Items(index, items, []);

    /// <inheritdoc cref="Items{TElement}(int, IEnumerable{TElement})"/>
    /// <param name="index">The argument's position.</param>
    /// <param name="items">The argument.</param>
    /// <param name="glue">The traced calls whose results the compiler proved flow into elements that untraced code made.</param>
    public void Items<TElement>(int index, IEnumerable<TElement>? items, ReadOnlySpan<string> glue)
    {
        if (items is not (ICollection<TElement> or IReadOnlyCollection<TElement> or System.Collections.ICollection))
        {
            Record(index, items);
            return;
        }

        // Value-typed elements have no identity to link: only the collection itself and its glue can be.
        var elements = new List<object?>();
        if (!typeof(TElement).IsValueType && StoredElements.CanRead(items))
        {
            try
            {
                foreach (var item in items) elements.Add(item);
            }
            catch (InvalidOperationException)
            {
                // Unreadable now (a default ImmutableArray, another thread changing the list): the call untraced would not
                // have read it here, so neither does this; its elements are not linked.
                elements.Clear();
            }
        }

        SetInput(index, _graph.Collection(items, _op.ParameterKeys[index], elements, GlueNodes(glue)));
    }

    /// <summary>Records a dictionary argument: its keys and values that came from traced calls, or are parameters, become
    /// parents; with glue, the nodes of its calls too (see <see cref="Items{TElement}(int, IEnumerable{TElement})"/>).</summary>
    public void Pairs<TKey, TValue>(int index, IEnumerable<KeyValuePair<TKey, TValue>>? pairs) => Pairs(index, pairs, []);

    /// <inheritdoc cref="Pairs{TKey, TValue}(int, IEnumerable{KeyValuePair{TKey, TValue}})"/>
    /// <param name="index">The argument's position.</param>
    /// <param name="pairs">The argument.</param>
    /// <param name="glue">The traced calls whose results the compiler proved flow into elements that untraced code made.</param>
    public void Pairs<TKey, TValue>(int index, IEnumerable<KeyValuePair<TKey, TValue>>? pairs, ReadOnlySpan<string> glue)
    {
        if (pairs is not (ICollection<KeyValuePair<TKey, TValue>> or IReadOnlyCollection<KeyValuePair<TKey, TValue>> or System.Collections.ICollection))
        {
            Record(index, pairs);
            return;
        }

        var elements = new List<object?>();
        if (!(typeof(TKey).IsValueType && typeof(TValue).IsValueType) && StoredElements.CanRead(pairs))
        {
            try
            {
                foreach (var pair in pairs)
                {
                    elements.Add(pair.Key);
                    elements.Add(pair.Value);
                }
            }
            catch (InvalidOperationException)
            {
                elements.Clear(); // as for Items
            }
        }

        SetInput(index, _graph.Collection(pairs, _op.ParameterKeys[index], elements, GlueNodes(glue)));
    }

    /// <summary>
    /// Records a dictionary seen through its non-generic view, as a generic interceptor sees one whose declared type is a
    /// bare type parameter: its keys and values that came from traced calls, or are parameters, become parents.
    /// </summary>
    public void Entries(int index, System.Collections.IDictionary entries) => Entries(index, entries, []);

    /// <inheritdoc cref="Entries(int, System.Collections.IDictionary)"/>
    /// <param name="index">The argument's position.</param>
    /// <param name="entries">The argument.</param>
    /// <param name="glue">The traced calls whose results the compiler proved flow into elements that untraced code made.</param>
    public void Entries(int index, System.Collections.IDictionary entries, ReadOnlySpan<string> glue)
    {
        var elements = new List<object?>();
        if (StoredElements.CanRead(entries))
        {
            try
            {
                var enumerator = entries.GetEnumerator();
                while (enumerator.MoveNext())
                {
                    elements.Add(enumerator.Key);
                    elements.Add(enumerator.Value);
                }
            }
            catch (InvalidOperationException)
            {
                elements.Clear(); // as for Items
            }
        }

        SetInput(index, _graph.Collection(entries, _op.ParameterKeys[index], elements, GlueNodes(glue)));
    }

    /// <summary>Records a tuple argument: its elements that came from traced calls, or are parameters, become parents; with
    /// glue, the nodes of its calls too (see <see cref="Items{TElement}(int, IEnumerable{TElement})"/>).</summary>
    public void Tuple<TTuple>(int index, TTuple tuple)
        where TTuple : System.Runtime.CompilerServices.ITuple => Tuple(index, tuple, []);

    /// <inheritdoc cref="Tuple{TTuple}(int, TTuple)"/>
    /// <param name="index">The argument's position.</param>
    /// <param name="tuple">The argument.</param>
    /// <param name="glue">The traced calls whose results the compiler proved flow into elements that untraced code made.</param>
    public void Tuple<TTuple>(int index, TTuple tuple, ReadOnlySpan<string> glue)
        where TTuple : System.Runtime.CompilerServices.ITuple
    {
        var elements = new List<object?>(tuple.Length);
        for (var i = 0; i < tuple.Length; i++) elements.Add(tuple[i]);
        SetInput(index, _graph.Collection(tuple, _op.ParameterKeys[index], elements, GlueNodes(glue)));
    }

    /// <summary>
    /// Records an argument that glue code computed from the results of earlier traced calls (the producers
    /// <paramref name="sources"/>, proven by the compiler): a <see cref="GlueNode"/> whose operator is
    /// <paramref name="expression"/>. When none of the producers' latest calls completed here, it is a plain argument.
    /// </summary>
    public void Glued<T>(int index, T value, string expression, GlueReads? reads, params ReadOnlySpan<string> sources)
    {
        var (single, nodes) = LatestNodes(sources);

        if (reads is not null) AddGlueReads(reads, single, ref nodes);

        if (single is null && nodes is not { Count: > 0 })
        {
            // Nothing made it that the flow names (a combiner whose parts no call made): any other argument.
            Arg(index, value);
            return;
        }

        // The same value glued the same way and passed again (to a second call) is one node.
        // (With one more parent: the value's own producer, added when it was recorded.)
        if (_graph.Recorded(value) is GlueNode earlier && earlier.Expression == expression && earlier.HasParents(single, nodes, oneMore: true))
        {
            SetInput(index, earlier);
            return;
        }

        if (!typeof(T).IsValueType && value is not null) AddOwnProducers(value, single, ref nodes);
        SetInput(index, _graph.Glue(value, _op.ParameterKeys[index], expression, single ?? nodes![0], nodes));
    }

    // What made a glued value itself, which the compiler's producers may not include, after them: a traced call that made
    // it, read back unchanged (`history[0]`, an element of a list a call handed back); the glue node it was recorded as
    // before, another way (`ranked[0]`, then `ranked.First()`); the calls that made the parts of a combiner's text (one assigned in a loop).
    private readonly void AddOwnProducers(object value, Node? single, ref List<Node>? nodes)
    {
        _graph.SourcesOf(value, out var own, out var before, out var parts);
        if (own is not null) Add(own, single, ref nodes);

        // The earlier glue node itself, not its parents: copying them made the n-th glue over one object carry n parents.
        if (before is not null) Add(before, single, ref nodes);

        if (parts is not null)
        {
            foreach (var part in parts) Add(part, single, ref nodes);
        }

        static void Add(Node node, Node? single, ref List<Node>? nodes)
        {
            if (ReferenceEquals(node, single) || nodes?.Contains(node) == true) return;
            nodes ??= single is null ? [] : [single];
            nodes.Add(node);
        }
    }

    private readonly (Node? Single, List<Node>? Nodes) LatestNodes(ReadOnlySpan<string> sources) => GlueSlots.Latest(sources, _graph, _caller, _slot is { } opened ? (opened, _replaced) : null);

    // The latest nodes of the traced calls whose results glue code put into a collection's elements.
    private readonly List<Node>? GlueNodes(ReadOnlySpan<string> sources)
    {
        List<Node>? nodes = null;
        foreach (var source in sources)
        {
            if (GlueSlots.Find(source, _graph) is { } node) (nodes ??= []).Add(node);
        }

        return nodes;
    }

    /// <summary>
    /// After a collection argument was recorded: when none of its elements linked to anything, records it as glue over
    /// <paramref name="sources"/> instead (<c>items.Select(i => i.Trim()).ToList()</c> over a traced list).
    /// </summary>
    public void GluedIfPlain<T>(int index, T value, string expression, GlueReads? reads, params ReadOnlySpan<string> sources)
    {
        if (Input(index) is InputNode) Glued(index, value, expression, reads, sources);
    }

    // The glue's `this`: this call's receiver, or that of the traced call the glue is written in (this call's caller,
    // checked by its key, so a frame of some other call is never taken for it). A member of another object is read on the
    // object its path leads to from there (or from a static member).
    // The parents' list is made when the first parameter is found, sized for all the reads could add.
    private readonly void AddGlueReads(GlueReads reads, Node? single, ref List<Node>? nodes)
    {
        var self = reads.CallerKey is null
            ? _receiver
            : _caller is { } caller && caller.Operator.Key == reads.CallerKey ? caller.Receiver : null;
        foreach (var member in reads.Members)
        {
            if (ParameterRead(member, self) is not { } parameter || nodes is not null && nodes.Contains(parameter)) continue;
            if (nodes is null)
            {
                nodes = new List<Node>((single is null ? 0 : 1) + reads.Members.Count);
                if (single is not null) nodes.Add(single);
            }

            nodes.Add(parameter);
        }
    }

    /// <summary>
    /// Adds the trainable members glue code read to decide whether this call runs (<c>if (UseTool)</c>, <c>i &lt; MaxSteps</c>)
    /// to what the call depends on: feedback on its result reaches them as it reaches what its body read. Generated code calls
    /// this before the method runs.
    /// </summary>
    public void ControlledBy(GlueReads reads)
    {
        foreach (var member in reads.Members)
        {
            if (ParameterRead(member, _receiver) is not { } parameter || _controls?.Reads?.Contains(parameter) == true) continue;
            ((_controls ??= new()).Reads ??= []).Add(parameter);
        }
    }

    /// <summary>
    /// Makes the condition <paramref name="expression"/>, which read the results of the traced calls <paramref name="sources"/>
    /// (proven by the compiler) to decide whether this call runs (<c>if (Classify(q) == "refund")</c>), a parent of the call:
    /// feedback on its result reaches those calls too. Nothing when none of them completed here, or when the call already
    /// depends on each of them through what it is given. Generated code calls this before the method runs.
    /// </summary>
    public void DecidedBy(string expression, params ReadOnlySpan<string> sources)
    {
        var (single, nodes) = LatestNodes(sources);
        if (single is null || AlreadyGiven(single, nodes)) return;
        (_controls ??= new()).Decision = _graph.Decision(expression, single, nodes);
    }

    // Whether every node the condition read is already an argument, the receiver, or a parent of one of them
    // (`foreach (var doc in Search(q)) Summarize(doc)`): the decision would say nothing the graph does not.
    private readonly bool AlreadyGiven(Node single, List<Node>? nodes)
    {
        if (nodes is null) return IsGiven(single);
        foreach (var node in nodes)
        {
            if (!IsGiven(node)) return false;
        }

        return true;
    }

    private readonly bool IsGiven(Node node)
    {
        for (var i = 0; i <= _op.ParameterKeys.Length; i++)
        {
            var given = i < _op.ParameterKeys.Length ? Input(i) : _receiverNode;
            if (given is null) continue;
            if (ReferenceEquals(given, node)) return true;
            for (var p = 0; p < given.ParentCount; p++)
            {
                if (ReferenceEquals(given.GetParent(p), node)) return true;
            }
        }

        return false;
    }

    // The parameter of a member glue code read: on `self`, or on the object the member's path leads to from it.
    private static ParameterNode? ParameterRead(TrainableDependency member, object? self)
    {
        var owner = member.ReadOwner is { } readOwner ? readOwner(self) : self;
        return member.ReadOwner is not null && owner is null ? null : TrainableRegistry.Find(owner, member);
    }

    /// <summary>
    /// Records an argument that is the result of the traced call <paramref name="source"/> reached through locals (a value
    /// type has no identity to link it by): that call's node, when its value is this one.
    /// </summary>
    public void FromSlot<T>(int index, T value, string source)
    {
        if (GlueSlots.Find(source, _graph) is { Value: T produced } node && SameValue.Is(produced, value))
        {
            SetInput(index, node);
            return;
        }

        Record(index, value);
    }

    /// <summary>
    /// Watches an argument the method may add to (a list, a dictionary, a <see cref="System.Text.StringBuilder"/>), once it
    /// is recorded: what the call adds to it is linked to the call's node when it completes (see <see cref="FilledArguments"/>).
    /// </summary>
    public void Fills(int index, object? argument)
    {
        if (argument is null) return;
        (_filled ??= new FilledArguments()).Watch(_op.ParameterKeys[index].Text, argument);
    }

    /// <summary>
    /// Watches a member of the call's object (or, with <paramref name="owner"/> a type, a static one) that the method adds to:
    /// what the call adds to the list, the dictionary or the builder <paramref name="read"/> gives is linked to its node when
    /// it completes, as for an argument it fills (<see cref="Fills"/>). Nothing is watched when <paramref name="owner"/> is null.
    /// </summary>
    public void FillsMember(string name, object? owner, Func<object, object?> read)
    {
        if (owner is not null && read(owner) is { } member) (_filled ??= new FilledArguments()).Watch(name, member);
    }

    /// <summary>
    /// Watches a member of the call's object (or, with <paramref name="owner"/> a type, a static one) that the method sets:
    /// an object with an identity <paramref name="read"/> gives when the call completes, other than the one it gave as the
    /// call started, is linked to the call's node, as what it sets in an <c>out</c> parameter is.
    /// </summary>
    public void SetsMember(string name, object? owner, Func<object, object?> read)
    {
        if (owner is not null) (_filled ??= new FilledArguments()).WatchSet(name, owner, read);
    }

    /// <summary>
    /// Links the argument <paramref name="index"/> through a member of it the method's body reads, as the call starts: an object
    /// a traced call set there (<c>Retrieve(f)</c> setting <c>f.Docs</c>, then this call reading it), or the elements one
    /// added to a collection there, become parents of the call through the argument, a <see cref="GlueNode"/> over them.
    /// Nothing is linked when <paramref name="argument"/> is null or the member holds what came in as an input.
    /// </summary>
    public void ReadsMember(int index, string member, object? argument, Func<object, object?> read)
    {
        if (argument is null) return;
        (_memberReads ??= new MemberReads()).Read(_graph, index, member, read(argument));
    }

    /// <summary>
    /// Records what the call set in its <c>out</c> or <c>ref</c> parameter <paramref name="name"/>, once it returned, and returns
    /// it: an object with an identity (not the one a <c>ref</c> argument held before) is linked to the call's node when it
    /// completes, as its result is. A string the call may not be the only source of is replaced by an equal copy, as a result is.
    /// </summary>
    public T Output<T>(string name, T value)
    {
        if (typeof(T).IsValueType || value is null || ReferenceEquals(value, ArgumentValue(name))) return value;
        value = Owned(value);
        if (IsLinkableElement(value)) (_filled ??= new FilledArguments()).Set(name, value);
        return value;
    }

    /// <summary>Records the call's result and returns it.</summary>
    public T Returned<T>(T value)
    {
        value = Owned(value);
        // An iterator's result is handed on as a pass-through that links each element as the caller reads it.
        StreamSink? stream = null;
        if (ElementShape<T>.MayHoldElements && IteratorStreams<T>.Wrap is { } wrap && value is not null && IteratorStreams.IsCompilerIterator(value))
        {
            value = wrap(value, stream = new StreamSink(_graph, _op, _receiver));
        }

        var node = Fill(AddMessage(value, TraceGraph.HasIdentity(value)));
        stream?.Recorded(node);
        // Constant for each T once compiled: nothing is looked at for a string, a number or a sealed type's result, and one
        // type test for another object's.
        if (ElementShape<T>.MayHoldElements && value is System.Collections.IEnumerable or System.Runtime.CompilerServices.ITuple or Microsoft.Extensions.AI.ChatResponse)
        {
            AddElements(node, value);
        }

        return value;
    }

    // Whether a result of static type T may be a collection, a tuple or a chat response whose elements are linked (see ElementSources).
    private static class ElementShape<T>
    {
        public static readonly bool MayHoldElements =
            typeof(T) != typeof(string)
            && (typeof(System.Collections.IEnumerable).IsAssignableFrom(typeof(T)) || typeof(System.Runtime.CompilerServices.ITuple).IsAssignableFrom(typeof(T))
                || !(typeof(T).IsSealed || typeof(T).IsValueType));
    }

    // The elements of a collection or tuple the call returned: linked to its node when they are passed on (see ElementSources).
    // Only what has an identity of its own: not value types, nor strings the runtime shares (literals, small numbers' digits).
    private readonly void AddElements(Node node, object? value)
    {
        List<(object, string)>? elements = null;
        string? name = null;
        switch (value)
        {
            // The framework's tuples only: another class's indexer is the program's own code.
            case System.Runtime.CompilerServices.ITuple tuple when StoredElements.IsFrameworkTuple(tuple):
                for (var i = 0; i < tuple.Length; i++) Add(tuple[i], i, tupleItem: true);
                break;
            // A dictionary's keys and values, read as its entries (its elements are pairs, which have no identity).
            case System.Collections.IDictionary dictionary when StoredElements.CanRead(value):
                try
                {
                    var index = 0;
                    var entries = dictionary.GetEnumerator();
                    while (entries.MoveNext())
                    {
                        var entry = entries.Entry;
                        var key = ElementNames.KeyText(entry.Key);
                        Add(entry.Value, index, tupleItem: false, key is null ? $".Values[{index}]" : $"[{key}]");
                        Add(entry.Key, index, tupleItem: false, $".Keys[{index}]");
                        index++;
                    }
                }
                catch (InvalidOperationException)
                {
                    elements = null;
                }

                break;
            // A chat response's messages: what a caller passes on of it (`history.AddMessages(response)`, then the next turn).
            case Microsoft.Extensions.AI.ChatResponse response:
                // An array or a framework list only (a response may hold a list class of the program's, whose reads are its code).
                if (response.Messages is { } messages && StoredElements.CanRead(messages))
                {
                    for (var i = 0; i < messages.Count; i++)
                    {
                        Add(messages[i], i, tupleItem: false, $".Messages[{i}]");
                        // And their contents: a tool call the model asked for (`FunctionCallContent`), however the caller finds it.
                        if (messages[i]?.Contents is { } contents && StoredElements.CanRead(contents))
                        {
                            for (var j = 0; j < contents.Count; j++) Add(contents[j], j, tupleItem: false, $".Messages[{i}].Contents[{j}]");
                        }
                    }
                }

                break;
            case System.Collections.IDictionary:
            case string:
                break;
            // What holds its elements (an array, a list, a set): a lazy sequence, or a collection whose enumeration is the
            // program's own code, is never enumerated (the caller may never have, or may count on it not being).
            case System.Collections.ICollection or IReadOnlyCollection<object> when StoredElements.CanRead(value):
                try
                {
                    var index = 0;
                    foreach (var element in (System.Collections.IEnumerable)value) Add(element, index++, tupleItem: false);
                }
                catch (InvalidOperationException)
                {
                    // Unreadable (a default ImmutableArray, another thread changing the list): returned as it is, unlinked.
                    elements = null;
                }

                break;
        }

        if (elements is not null) _graph.AddElements(node, elements);

        void Add(object? element, int index, bool tupleItem, string? readOut = null)
        {
            if (!IsLinkableElement(element)) return;
            name ??= node.Name;
            (elements ??= []).Add((element, readOut is not null ? name + readOut : tupleItem ? $"{name}.Item{index + 1}" : $"{name}[{index}]"));
        }
    }

    /// <summary>Records the call's value-typed result and hands its node to the traced call the result is passed to directly.</summary>
    public T HandOver<T>(T value, string tag)
    {
        HandOffs.Push(tag, _graph, Fill(AddMessage(value, hasIdentity: false)));
        return value;
    }

    /// <summary>Records an argument that is directly the result of the traced call <paramref name="tag"/>: that call's node.</summary>
    public void HandedOver<T>(int index, T value, string tag) =>
        SetInput(index, HandOffs.Take(tag, _graph, value) ?? _graph.Input(value, _op.ParameterKeys[index], constant: false));

    /// <summary>Records the completion of a call that returns nothing.</summary>
    public void Returned() => Fill(AddMessage(null, hasIdentity: false));

    /// <summary>Records the exception the call threw. Returns <see langword="false"/>, for use in an exception filter.</summary>
    public bool Threw(Exception exception)
    {
        RecordWaiting();
        _span?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, exception.Message);
        var failed = _graph.AddException(_op, InputArray(), _receiverNode, _controls?.Decision, Complete(), exception);
        if (_slot is { } slot) slot.Failed = failed;
        return false;
    }

    /// <summary>Records the call when the task completes.</summary>
    public Task ReturnedTask(Task task)
    {
        if (task.IsCompletedSuccessfully)
        {
            Returned();
            return task;
        }

        // The call has returned its task: calls made after this point are not its nested calls (nor its spans' children).
        RecordWaiting();
        _frame?.Exit(ref _entry);
        if (_span is not null) System.Diagnostics.Activity.Current = _span.Parent;
        return RunningTask.Watch(this, task);
    }

    /// <summary>Records the call's result when the task completes.</summary>
    public Task<T> ReturnedTask<T>(Task<T> task)
    {
        if (task.IsCompletedSuccessfully)
        {
            var result = task.Result;
            var recorded = Returned(result);
            // A literal result was replaced by a copy with an identity: the caller must get that copy.
            return typeof(T).IsValueType || ReferenceEquals(recorded, result) ? task : Task.FromResult(recorded);
        }

        // The call has returned its task: calls made after this point are not its nested calls (nor its spans' children).
        RecordWaiting();
        _frame?.Exit(ref _entry);
        if (_span is not null) System.Diagnostics.Activity.Current = _span.Parent;
        return RunningTask.Watch(this, task);
    }

    /// <summary>Records the call when the task completes.</summary>
    public ValueTask ReturnedValueTask(ValueTask task)
    {
        if (task.IsCompletedSuccessfully)
        {
            Returned();
            return task;
        }

        // The call has returned its task: calls made after this point are not its nested calls (nor its spans' children).
        RecordWaiting();
        _frame?.Exit(ref _entry);
        if (_span is not null) System.Diagnostics.Activity.Current = _span.Parent;
        return new ValueTask(RunningTask.Watch(this, task.AsTask()));
    }

    /// <summary>Records the call's result when the task completes.</summary>
    public ValueTask<T> ReturnedValueTask<T>(ValueTask<T> task)
    {
        if (task.IsCompletedSuccessfully)
        {
            // A ValueTask's result may be read once (a pooled source could be reused after): hand back a new one.
            return new ValueTask<T>(Returned(task.Result));
        }

        // The call has returned its task: calls made after this point are not its nested calls (nor its spans' children).
        RecordWaiting();
        _frame?.Exit(ref _entry);
        if (_span is not null) System.Diagnostics.Activity.Current = _span.Parent;
        return new ValueTask<T>(RunningTask.Watch(this, task.AsTask()));
    }

    /// <summary>
    /// A result this call may not be the only source of, which linking by identity would confuse with other uses of the
    /// same instance: an interned string (a literal) and the empty string, shared by the whole program; a string the
    /// runtime caches (a small number's digits); a string the call returned unchanged from an argument that entered the
    /// graph as an input (which other code may hold too: an enum's name, a configuration value, the caller's variable);
    /// an empty array (<c>Array.Empty&lt;T&gt;()</c> is one instance per type). The caller gets an equal copy instead,
    /// which has an identity of its own, made by this call. A string passed through from another traced call's result
    /// is not copied: its latest producer is this call, as for any object two traced calls return.
    /// </summary>
    private readonly T Owned<T>(T value)
    {
        if (typeof(T).IsValueType) return value;
        if (value is string text)
        {
            return text.Length == 0 || IsInterned(text) || IsCachedNumber(text) || IsInputArgument(text) ? (T)(object)CopyOf(text) : value;
        }

        return value is Array { Length: 0 } empty && empty.GetType().IsSZArray ? (T)(object)Array.CreateInstanceFromArrayType(empty.GetType(), 0) : value;
    }

    /// <summary>
    /// Whether an element of a returned collection or stream has an identity of its own to be linked by: not a value type, nor
    /// a string the runtime shares (a literal, the empty string, a small number's digits).
    /// </summary>
    internal static bool IsLinkableElement([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] object? element) =>
        TraceGraph.HasIdentity(element) && element is not Node && !element.GetType().IsValueType
        && !(element is string text && (text.Length == 0 || IsInterned(text) || IsCachedNumber(text)));

    // The runtime keeps one string per number below 300 (what int.ToString() and its kin return for them). Only that very
    // instance is shared: an equal string a program made itself (a parser's field cache) keeps its identity.
    private static bool IsCachedNumber(string text) =>
        text.Length <= 3 && text.AsSpan().IndexOfAnyExceptInRange('0', '9') < 0 && (text.Length == 1 || text[0] != '0')
        && int.Parse(text, System.Globalization.CultureInfo.InvariantCulture) is < 300 and var number
        && ReferenceEquals(text, number.ToString(System.Globalization.CultureInfo.InvariantCulture));

    // Whether the call's result is one of its own arguments (compared by reference) that no traced call produced: one new
    // to the graph (still waiting to be recorded), or one recorded as an input.
    private readonly bool IsInputArgument(object value)
    {
        if (ReferenceEquals(value, _firstValue) || ReferenceEquals(value, _secondValue)) return true;
        if (_inputs is { } all)
        {
            foreach (var input in all)
            {
                if (input is InputNode && ReferenceEquals(input.Value, value)) return true;
            }

            return false;
        }

        return (_first is InputNode first && ReferenceEquals(first.Value, value)) || (_second is InputNode second && ReferenceEquals(second.Value, value));
    }

    // The empty string is one shared instance too; only string.Copy makes another (new string(...) returns the shared one).
#pragma warning disable CS0618
    private static string CopyOf(string text) => text.Length == 0 ? string.Copy(text) : new string(text.AsSpan());
#pragma warning restore CS0618

    // Literals of ordinary assemblies live on the frozen heap (generation int.MaxValue): a check of ~2 ns. Two kinds of
    // literal do not: long ones (tens of thousands of characters, such as a long prompt constant, are allocated on the
    // ordinary or large-object heap) and those of collectible assemblies (runtime-compiled code). Long strings are
    // always looked up in the intern table (its cost is proportional to a length the call handles anyway); once a
    // collectible assembly is loaded, so are strings that survived to generation 2 (~45 ns). Strings a program interns
    // itself with string.Intern are looked for only in those two cases.
    private const int LongLiteral = 16_000;

    private static bool IsInterned(string text) => GC.GetGeneration(text) switch
    {
        int.MaxValue => true,
        _ when text.Length >= LongLiteral => ReferenceEquals(string.IsInterned(text), text),
        2 => CollectibleCode.Loaded && ReferenceEquals(string.IsInterned(text), text),
        _ => false,
    };

    private void Record<T>(int index, T value) => SetInput(index, _graph.Input(value, _op.ParameterKeys[index], constant: false));

    private readonly Node? Input(int index) => _inputs is { } all ? all[index] : index == 0 ? _first : _second;

    private void SetInput(int index, Node node)
    {
        if (_inputs is { } all) all[index] = node;
        else if (index == 0) _first = node;
        else _second = node;
    }

    private readonly Node[] InputArray() => _inputs ?? _op.ParameterKeys.Length switch
    {
        0 => [],
        1 => [_first!],
        _ => [_first!, _second!],
    };

    private MessageNode AddMessage(object? value, bool hasIdentity)
    {
        if (_memberReads is { } reads) LinkMemberReads(reads);
        if (_receiverNode is not null || _controls?.Decision is not null)
        {
            RecordWaiting();
            return _graph.AddMessage(_op, InputArray(), _receiverNode, _controls?.Decision, Complete(), value, hasIdentity);
        }

        var dependencies = Complete();
        if (_firstType is null && _secondType is null)
        {
            return _graph.AddMessage(_op, _op.ParameterKeys.Length, _first, _second, _inputs, dependencies, value, hasIdentity);
        }

        return _graph.AddCall(_op, new(_first, _firstValue, _firstType, _firstLinkable), new(_second, _secondValue, _secondType, _secondLinkable), dependencies, value, hasIdentity);
    }

    // An argument whose members held what traced calls made as the call started is the call's input as a glue node over them
    // (and over its own producer, when it has one), which leaves the object's producer as it was.
    private void LinkMemberReads(MemberReads reads)
    {
        RecordWaiting();
        for (var i = 0; i < _op.ParameterKeys.Length; i++)
        {
            if (Input(i) is not { } argument || reads.Sources(i, argument) is not { Count: > 0 } sources) continue;
            if (argument is not InputNode) sources.Insert(0, argument);
            var key = _op.ParameterKeys[i];
            SetInput(i, _graph.GlueOver(argument.Value, argument.ValueType, key, reads.Expression(i, key.Text), sources));
        }
    }

    // Records the arguments still waiting (see Arg), when the call does not complete at once.
    private void RecordWaiting()
    {
        if (_firstType is { } firstType) _first = _graph.Input(_firstValue, firstType, _firstLinkable, _op.ParameterKeys[0]);
        if (_secondType is { } secondType) _second = _graph.Input(_secondValue, secondType, _secondLinkable, _op.ParameterKeys[1]);
        (_firstValue, _secondValue, _firstType, _secondType) = (null, null, null, null);
    }

    private readonly Node Fill(Node node)
    {
        if (_slot is { } slot) slot.Node = node;
        _filled?.Link(_graph, node);
        return node;
    }

    /// <summary>
    /// Ends the call: its running frame is no longer current, and its dependencies are the trainable members its
    /// body read plus the parameters its nested traced calls depended on, which it reports in turn to its caller.
    /// </summary>
    private ParameterNode[] Complete()
    {
        _span?.Stop();
        var dependencies = ResolveDependencies();
        if (_controls?.Reads is { } reads) dependencies = [.. dependencies.Concat(reads).Distinct<ParameterNode>(ReferenceEqualityComparer.Instance)];
        if (_frame is { } frame)
        {
            frame.Exit(ref _entry);
            dependencies = frame.AddReportedTo(dependencies);
        }

        if (_caller is { } caller)
        {
            caller.Report(dependencies);
            for (var i = 0; i < _op.ParameterKeys.Length; i++)
            {
                if (Input(i) is ParameterNode parameter) caller.Report([parameter]);
            }
        }

        return dependencies;
    }

    // A Parameter<T> the body read from a field or property (or every parameter in a collection held there).
    private readonly void AddHeldParameters(Func<object?, object?> read, List<ParameterNode> found)
    {
        switch (read(_receiver))
        {
            case ParameterNode parameter:
                found.Add(parameter);
                break;
            case IEnumerable<Node> nodes:
                foreach (var node in nodes)
                {
                    if (node is ParameterNode held) found.Add(held);
                }

                break;
        }
    }

    // The argument's object: the node recorded for it holds it (its producer's result, or the input node made for it).
    private readonly object? ArgumentValue(string name)
    {
        var names = _op.ParameterNames;
        for (var i = 0; i < names.Count && i < _op.ParameterKeys.Length; i++)
        {
            if (names[i] != name) continue;
            if (i == 0 && _firstType is not null) return _firstValue;
            if (i == 1 && _secondType is not null) return _secondValue;
            return Input(i) is { } input and not ParameterNode ? input.Value : null;
        }

        return null;
    }

    private readonly ParameterNode[] ResolveDependencies()
    {
        var dependencies = _op.Dependencies;
        if (dependencies.Count == 0) return [];
        var found = new List<ParameterNode>(dependencies.Count);
        var held = false;
        foreach (var dependency in dependencies)
        {
            if (dependency.ReadNodes is { } read)
            {
                AddHeldParameters(read, found);
                held = true;
            }
            else if (dependency.ReadOwner is { } readOwner)
            {
                // A trainable member of another object: that object is reached again now, from the receiver or an argument.
                var root = dependency.Argument is { } argument ? ArgumentValue(argument) : _receiver;
                var owner = readOwner(root);
                if (owner is not null && dependency.Elements) ReadableElements.AddParameters(owner, dependency, found);
                else if (owner is not null && TrainableRegistry.Find(owner, dependency) is { } owned) found.Add(owned);

                held = true;
            }
            else if (TrainableRegistry.Find(_receiver, dependency) is { } parameter)
            {
                found.Add(parameter);
            }
        }

        // Held parameters may repeat (one parameter in two lists, one object reached by two paths); members read on the receiver never do.
        return held ? [.. found.Distinct<ParameterNode>(ReferenceEqualityComparer.Instance)] : [.. found];
    }
}
