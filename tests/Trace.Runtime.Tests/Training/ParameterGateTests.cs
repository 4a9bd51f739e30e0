using Opto.Training.Remote;

namespace Trace.Runtime.Tests.Training;

/// <summary>The gate that keeps rollouts of different parameter values apart on one host.</summary>
public class ParameterGateTests
{
    [Test]
    public async Task Rollouts_of_one_version_run_together_and_another_version_waits_for_them_and_is_not_starved()
    {
        var gate = NewGate();
        var installs = new List<string>();
        var a1 = await Enter(gate, "a", installs);
        var a2 = await Enter(gate, "a", installs);
        var b = Enter(gate, "b", installs);
        await Task.Delay(50);
        var a3 = Enter(gate, "a", installs); // arrives while b waits: it must not jump ahead of b forever

        Assert.That((b.IsCompleted, a3.IsCompleted), Is.EqualTo((false, false)), "b waits for the running a's; the new a waits behind b");
        a1.Dispose();
        a2.Dispose();
        using (await b.WaitAsync(TimeSpan.FromSeconds(5)))
        {
            Assert.That(installs, Is.EqualTo(new[] { "a", "b" }));
            Assert.That(a3.IsCompleted, Is.False, "a waits while b runs");
        }

        using (await a3.WaitAsync(TimeSpan.FromSeconds(5))) Assert.That(installs, Is.EqualTo(new[] { "a", "b", "a" }));
    }

    [Test]
    public async Task A_failed_install_lets_the_next_one_install_and_a_cancelled_wait_changes_nothing()
    {
        var gate = NewGate();
        var installs = new List<string>();
        Assert.ThrowsAsync<InvalidOperationException>(() => gate.EnterAsync("bad", () => throw new InvalidOperationException("does not compile"), default));
        using (await Enter(gate, "a", installs))
        {
            using var cancelled = new CancellationTokenSource(50);
            Assert.That(async () => await gate.EnterAsync("b", () => installs.Add("b"), cancelled.Token), Throws.InstanceOf<OperationCanceledException>());
            using (await Enter(gate, "a", installs)) Assert.That(installs, Is.EqualTo(new[] { "a" }), "the same version enters again without installing");
        }

        using (await Enter(gate, "b", installs)) Assert.That(installs, Is.EqualTo(new[] { "a", "b" }));
    }

    [Test]
    public async Task Two_versions_never_run_at_once_among_hundreds_of_concurrent_rollouts()
    {
        var gate = NewGate();
        var installed = "";
        var running = new Dictionary<string, int>();
        var mixed = 0;
        var random = new Random(5);
        var versions = Enumerable.Range(0, 300).Select(_ => "abc"[random.Next(3)].ToString()).ToList();

        await Task.WhenAll(versions.Select(async version =>
        {
            await Task.Yield();
            using (await gate.EnterAsync(version, () => installed = version, CancellationToken.None))
            {
                lock (running)
                {
                    running[version] = running.GetValueOrDefault(version) + 1;
                    if (running.Count(r => r.Value > 0) > 1 || installed != version) mixed++;
                }

                await Task.Delay(1);
                lock (running) running[version]--;
            }
        }));

        Assert.That(mixed, Is.Zero);
        Assert.That(running.Values, Is.All.Zero);
    }

    private static Task<IDisposable> Enter(ParameterGate gate, string version, List<string> installs) =>
        gate.EnterAsync(version, () => { lock (installs) installs.Add(version); }, CancellationToken.None);

    private static ParameterGate NewGate() => new();
}
