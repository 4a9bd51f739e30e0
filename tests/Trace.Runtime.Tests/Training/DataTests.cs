using System.Text;
using Opto.Training;

namespace Trace.Runtime.Tests.Training;

public class DataTests
{
    private readonly List<string> _files = [];

    [TearDown]
    public void DeleteFiles()
    {
        foreach (var file in _files)
            File.Delete(file);
    }

    private string WriteFile(string extension, string text, bool byteOrderMark = false)
    {
        var path = Path.Combine(Path.GetTempPath(), $"opto-data-{Guid.NewGuid():N}.{extension}");
        File.WriteAllText(path, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: byteOrderMark));
        _files.Add(path);
        return path;
    }

    private static Dataset<int, int> Numbers(int count) =>
        Dataset.From(Enumerable.Range(0, count).Select(i => new Example<int, int>(i, i * i)));

    [Test]
    public void Examples_without_an_id_are_named_by_their_position()
    {
        var dataset = Dataset.From([new Example<string, string>("a", "A"), new Example<string, string>("b", "B", "mine"), new Example<string, string>("c", "C")]);

        Assert.That(dataset.Select(e => e.Id), Is.EqualTo(new[] { "#0", "mine", "#2" }));
        Assert.That(dataset, Has.Count.EqualTo(3));
        Assert.That(dataset[2].Input, Is.EqualTo("c"));
    }

    [Test]
    public async Task An_asynchronous_source_is_read_in_order()
    {
        static async IAsyncEnumerable<Example<string, int>> Source()
        {
            for (var i = 0; i < 3; i++)
            {
                await Task.Yield();
                yield return new Example<string, int>($"q{i}", i);
            }
        }

        var dataset = await Dataset.FromAsync(Source(), CancellationToken.None);

        Assert.That(dataset.Select(e => (e.Input, e.Expected, e.Id)), Is.EqualTo(new[] { ("q0", 0, "#0"), ("q1", 1, "#1"), ("q2", 2, "#2") }));
    }

    [Test]
    public void Reading_an_asynchronous_source_stops_when_cancelled()
    {
        static async IAsyncEnumerable<Example<int, int>> Endless()
        {
            for (var i = 0; ; i++)
            {
                await Task.Yield();
                yield return new Example<int, int>(i, i);
            }
        }
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));

        Assert.That(async () => await Dataset.FromAsync(Endless(), cancellation.Token), Throws.InstanceOf<OperationCanceledException>());
    }

    [Test]
    public void Json_lines_give_one_example_per_object_and_skip_blank_lines()
    {
        var path = WriteFile("jsonl",
            "{\"question\": \"2+2?\", \"answer\": 4, \"key\": \"first\"}\r\n" +
            "\r\n" +
            "   \n" +
            "{\"question\": \"3+3?\", \"answer\": 6, \"key\": 17}\n",
            byteOrderMark: true);

        var dataset = Dataset.FromJsonLines<string, int>(path, inputProperty: "question", expectedProperty: "answer", idProperty: "key");

        Assert.That(dataset.Select(e => (e.Input, e.Expected, e.Id)), Is.EqualTo(new[] { ("2+2?", 4, "first"), ("3+3?", 6, "17") }));
    }

    private sealed record Question(string Text, string[] Choices);

    [Test]
    public void Json_line_values_deserialize_to_objects()
    {
        var path = WriteFile("jsonl", "{\"q\": {\"text\": \"Pick\", \"choices\": [\"a\", \"b\"]}, \"a\": \"b\"}\n");

        var example = Dataset.FromJsonLines<Question, string>(path, "q", "a").Single();

        Assert.That(example.Input.Text, Is.EqualTo("Pick"));
        Assert.That(example.Input.Choices, Is.EqualTo(new[] { "a", "b" }));
        Assert.That(example.Id, Is.EqualTo("#0"));
    }

    [Test]
    public void A_json_line_without_the_property_is_named_with_file_and_line()
    {
        var path = WriteFile("jsonl", "{\"question\": \"a\", \"answer\": \"b\"}\n\n{\"question\": \"c\", \"reply\": \"d\"}\n");

        var error = Assert.Throws<DatasetFormatException>(() => Dataset.FromJsonLines<string, string>(path, "question", "answer"))!;

        Assert.That(error.Message, Does.Contain(path).And.Contain("line 3").And.Contain("\"answer\"").And.Contain("\"reply\""));
        Assert.That(error.LineNumber, Is.EqualTo(3));
        Assert.That(error.FilePath, Is.EqualTo(path));
    }

    [Test]
    public void Malformed_json_is_named_with_file_and_line()
    {
        var path = WriteFile("jsonl", "{\"question\": \"a\", \"answer\": \"b\"}\n{\"question\": \"c\", \"answer\": \n");

        var error = Assert.Throws<DatasetFormatException>(() => Dataset.FromJsonLines<string, string>(path, "question", "answer"))!;

        Assert.That(error.Message, Does.Contain(path).And.Contain("line 2").And.Contain("not valid JSON"));
    }

    [Test]
    public void A_json_line_that_is_not_an_object_is_refused()
    {
        var path = WriteFile("jsonl", "[1, 2]\n");

        var error = Assert.Throws<DatasetFormatException>(() => Dataset.FromJsonLines<string, string>(path, "question", "answer"))!;

        Assert.That(error.Message, Does.Contain("line 1").And.Contain("JSON object"));
    }

    [Test]
    public void A_json_value_of_the_wrong_type_is_named()
    {
        var path = WriteFile("jsonl", "{\"question\": \"a\", \"answer\": \"four\"}\n");

        var error = Assert.Throws<DatasetFormatException>(() => Dataset.FromJsonLines<string, int>(path, "question", "answer"))!;

        Assert.That(error.Message, Does.Contain(path).And.Contain("line 1").And.Contain("\"answer\"").And.Contain("Int32"));
    }

    [Test]
    public void Csv_reads_quotes_commas_doubled_quotes_and_line_breaks_inside_quotes()
    {
        var path = WriteFile("csv",
            "id,question,answer\r\n" +
            "a,\"Hello, world\",1\r\n" +
            "b,\"She said \"\"hi\"\"\",2\r\n" +
            "c,\"two\r\nlines\",3\r\n" +
            "d,plain,4\r\n",
            byteOrderMark: true);

        var dataset = Dataset.FromCsv<string, int>(path, inputColumn: "question", expectedColumn: "answer", idColumn: "id");

        Assert.That(dataset.Select(e => (e.Id, e.Input, e.Expected)), Is.EqualTo(new[]
        {
            ("a", "Hello, world", 1),
            ("b", "She said \"hi\"", 2),
            ("c", "two\r\nlines", 3),
            ("d", "plain", 4),
        }));
    }

    [Test]
    public void Csv_values_convert_with_the_invariant_culture()
    {
        var path = WriteFile("csv", "x,y\n\"two, and a half\",true\n");
        var previous = Thread.CurrentThread.CurrentCulture;
        Thread.CurrentThread.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
        try
        {
            var error = Assert.Throws<DatasetFormatException>(() => Dataset.FromCsv<double, bool>(path, "x", "y"))!;
            Assert.That(error.Message, Does.Contain("line 2").And.Contain("\"two, and a half\"").And.Contain("\"x\"").And.Contain("Double"));

            File.WriteAllText(path, "x,y\n2.25,False\n,true\n");
            var dataset = Dataset.FromCsv<double?, bool>(path, "x", "y");
            Assert.That(dataset.Select(e => (e.Input, e.Expected)), Is.EqualTo(new (double?, bool)[] { (2.25, false), (null, true) }));
        }
        finally
        {
            Thread.CurrentThread.CurrentCulture = previous;
        }
    }

    [Test]
    public void A_missing_csv_column_is_named_with_file_and_line()
    {
        var path = WriteFile("csv", "question,reply\nq,a\n");

        var error = Assert.Throws<DatasetFormatException>(() => Dataset.FromCsv<string, string>(path, "question", "answer"))!;

        Assert.That(error.Message, Does.Contain(path).And.Contain("line 1").And.Contain("\"answer\"").And.Contain("\"reply\""));
    }

    [Test]
    public void An_unterminated_quote_names_the_line_where_it_opens()
    {
        var path = WriteFile("csv", "question,answer\nq,a\n\"never closed,b\nmore\n");

        var error = Assert.Throws<DatasetFormatException>(() => Dataset.FromCsv<string, string>(path, "question", "answer"))!;

        Assert.That(error.Message, Does.Contain(path).And.Contain("line 3").And.Contain("never closed"));
    }

    [Test]
    public void Line_numbers_after_a_field_with_line_breaks_count_the_breaks()
    {
        var path = WriteFile("csv", "question,answer\n\"a\nb\nc\",1\nq,x\n");

        var error = Assert.Throws<DatasetFormatException>(() => Dataset.FromCsv<string, int>(path, "question", "answer"))!;

        Assert.That(error.LineNumber, Is.EqualTo(5));
        Assert.That(error.Message, Does.Contain("\"x\""));
    }

    [Test]
    public void A_csv_record_of_the_wrong_length_is_refused()
    {
        var path = WriteFile("csv", "question,answer\nq,a,extra\n");

        var error = Assert.Throws<DatasetFormatException>(() => Dataset.FromCsv<string, string>(path, "question", "answer"))!;

        Assert.That(error.Message, Does.Contain("line 2").And.Contain("3 fields").And.Contain("2 columns"));
    }

    [Test]
    public void A_stray_quote_in_csv_is_refused()
    {
        var path = WriteFile("csv", "question,answer\nsay \"hi\",a\n");

        var error = Assert.Throws<DatasetFormatException>(() => Dataset.FromCsv<string, string>(path, "question", "answer"))!;

        Assert.That(error.Message, Does.Contain("line 2").And.Contain("quote"));
    }

    [Test]
    public void An_empty_csv_file_has_no_header()
    {
        var path = WriteFile("csv", "");

        var error = Assert.Throws<DatasetFormatException>(() => Dataset.FromCsv<string, string>(path, "question", "answer"))!;

        Assert.That(error.Message, Does.Contain(path).And.Contain("header"));
    }

    [Test]
    public void A_type_that_cannot_be_read_from_csv_text_is_refused_before_reading()
    {
        var path = WriteFile("csv", "question,answer\nq,a\n");

        Assert.That(() => Dataset.FromCsv<Question, string>(path, "question", "answer"),
            Throws.InstanceOf<NotSupportedException>().With.Message.Contain("Question"));
    }

    [Test]
    public void The_same_seed_gives_the_same_order_and_a_different_seed_another()
    {
        var dataset = Numbers(50);

        var first = dataset.Shuffle(7).Select(e => e.Input).ToArray();
        var again = dataset.Shuffle(7).Select(e => e.Input).ToArray();
        var other = dataset.Shuffle(8).Select(e => e.Input).ToArray();

        Assert.That(again, Is.EqualTo(first));
        Assert.That(other, Is.Not.EqualTo(first));
        Assert.That(first, Is.Not.EqualTo(Enumerable.Range(0, 50)));
        Assert.That(first, Is.EquivalentTo(Enumerable.Range(0, 50)));
        Assert.That(dataset.Select(e => e.Input), Is.EqualTo(Enumerable.Range(0, 50)), "the original keeps its order");
    }

    [Test]
    public void A_shuffle_is_the_same_on_every_machine()
    {
        // Fixed by the generator alone; a change here would reorder every user's training runs.
        var order = Numbers(10).Shuffle(42).Select(e => e.Input).ToArray();

        Assert.That(order, Is.EqualTo(ExpectedOrderForSeed42));
    }

    private static readonly int[] ExpectedOrderForSeed42 = [0, 9, 5, 8, 6, 4, 7, 2, 1, 3];

    [Test]
    public void Shuffled_examples_keep_their_ids()
    {
        var shuffled = Numbers(20).Shuffle(3);

        Assert.That(shuffled.All(e => e.Id == $"#{e.Input}"));
    }

    [Test]
    public void Batches_cut_the_examples_in_order_and_the_last_may_be_smaller()
    {
        var batches = Numbers(7).Batches(3);

        Assert.That(batches.Select(b => b.Select(e => e.Input)), Is.EqualTo(new[] { new[] { 0, 1, 2 }, new[] { 3, 4, 5 }, new[] { 6 } }));
        Assert.That(Numbers(0).Batches(4), Is.Empty);
    }

    [TestCase(0)]
    [TestCase(-2)]
    public void A_batch_size_below_one_is_refused(int size)
    {
        Assert.That(() => Numbers(3).Batches(size),
            Throws.InstanceOf<ArgumentOutOfRangeException>().With.Message.Contain("at least one example").And.Message.Contain(size.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Test]
    public void Split_puts_each_example_in_exactly_one_part()
    {
        var split = Numbers(100).Split(validation: 0.2, test: 0.1, seed: 5);

        Assert.That(split.Train, Has.Count.EqualTo(70));
        Assert.That(split.Validation, Has.Count.EqualTo(20));
        Assert.That(split.Test, Has.Count.EqualTo(10));
        var all = split.Train.Concat(split.Validation).Concat(split.Test).Select(e => e.Input).ToArray();
        Assert.That(all, Is.EquivalentTo(Enumerable.Range(0, 100)));
    }

    [Test]
    public void Split_is_deterministic_for_a_seed()
    {
        static int[] ValidationOf(int seed) => Numbers(40).Split(0.25, seed: seed).Validation.Select(e => e.Input).ToArray();

        Assert.That(ValidationOf(1), Is.EqualTo(ValidationOf(1)));
        Assert.That(ValidationOf(1), Is.Not.EqualTo(ValidationOf(2)));
    }

    [TestCase(-0.1, 0)]
    [TestCase(1, 0)]
    [TestCase(0, 1)]
    [TestCase(0.6, 0.4)]
    [TestCase(double.NaN, 0)]
    public void Split_fractions_outside_their_range_are_refused(double validation, double test)
    {
        Assert.That(() => Numbers(10).Split(validation, test), Throws.InstanceOf<ArgumentOutOfRangeException>().With.Message.Contain("fraction"));
    }

    [Test]
    public void Splitting_an_empty_dataset_is_refused()
    {
        Assert.That(() => Numbers(0).Split(0.2), Throws.InvalidOperationException.With.Message.Contain("empty"));
    }

    [Test]
    public void A_split_that_leaves_nothing_to_train_on_is_refused()
    {
        Assert.That(() => Numbers(2).Split(0.5, 0.3), Throws.InvalidOperationException.With.Message.Contain("none for training"));
    }
}
