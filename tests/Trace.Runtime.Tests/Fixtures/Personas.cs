using Opto;

namespace Trace.Runtime.Tests.Fixtures.Personas;

/// <summary>A voice read through an interface, which the classes implement with a trainable property.</summary>
public interface IPersona
{
    /// <summary>How the persona opens a line.</summary>
    string Voice { get; }
}

/// <summary>Implements the voice with a trainable property.</summary>
public class Pirate : IPersona
{
    /// <inheritdoc />
    [Trainable] public string Voice { get; set; } = "Arr.";
}

/// <summary>Inherits the pirate's trainable voice.</summary>
public class Parrot : Pirate;

/// <summary>Implements the voice with a virtual property.</summary>
public class Captain : IPersona
{
    /// <inheritdoc />
    public virtual string Voice { get; set; } = "Ahoy.";
}

/// <summary>Overrides the captain's voice with a trainable property.</summary>
public class Admiral : Captain
{
    /// <inheritdoc />
    [Trainable] public override string Voice { get; set; } = "Attention.";
}

/// <summary>Adds to the admiral's trainable voice.</summary>
public class LoudAdmiral : Admiral
{
    /// <inheritdoc />
    public override string Voice { get => base.Voice + "!"; set => base.Voice = value; }
}

/// <summary>Implements the voice with a plain property.</summary>
public class Clerk : IPersona
{
    /// <inheritdoc />
    public string Voice => "Next.";
}

/// <summary>A speaker whose opening the derived classes declare.</summary>
public abstract class Speaker
{
    /// <summary>The opening.</summary>
    public abstract string Opening { get; set; }

    /// <summary>Speaks a line after the opening.</summary>
    [Traced]
    public string Speak(string line) => Opening + " " + line;
}

/// <summary>Overrides the opening with a trainable property.</summary>
public class Herald : Speaker
{
    /// <inheritdoc />
    [Trainable] public override string Opening { get; set; } = "Hear ye.";
}

/// <summary>Tells lines in a persona held in a field or given as an argument.</summary>
public class Narrator(IPersona persona)
{
    private readonly IPersona _persona = persona;
    private readonly Speaker _speaker = new Herald();

    /// <summary>The speaker the narrator announces with.</summary>
    public Speaker Speaker => _speaker;

    /// <summary>The persona's voice, then the line.</summary>
    [Traced]
    public string Tell(string line) => _persona.Voice + " " + line;

    /// <summary>Another persona's voice, then the line.</summary>
    [Traced]
    public string TellAs(IPersona other, string line) => other.Voice + " " + line;

    /// <summary>The held speaker's opening, then the line.</summary>
    [Traced]
    public string Announce(string line) => _speaker.Opening + " " + line;

    /// <summary>A captain's voice, then the line.</summary>
    [Traced]
    public string Command(Captain captain, string line) => captain.Voice + " " + line;
}

/// <summary>A report framed by a virtual helper.</summary>
public class Reporter
{
    /// <summary>A signature only some reporters frame their reports with.</summary>
    [Trainable] public string Signature { get; set; } = "-- R.";

    /// <summary>Frames the text.</summary>
    [Traced]
    public string Report(string text) => Frame() + text;

    /// <summary>What comes before the text.</summary>
    protected virtual string Frame() => "";
}

/// <summary>Frames reports with a trainable dateline, read in the override of the helper.</summary>
public class NewsReporter : Reporter
{
    /// <summary>The dateline.</summary>
    [Trainable] public string Dateline { get; set; } = "LONDON.";

    /// <inheritdoc />
    protected override string Frame() => Dateline + " ";
}

/// <summary>Glue code that reads a voice through an interface and a speaker's abstract opening into a traced call's argument.</summary>
public class Crier(IPersona persona, Speaker speaker)
{
    private readonly IPersona _persona = persona;

    /// <summary>Shouts what it is given.</summary>
    [Traced]
    public string Shout(string text) => text.ToUpperInvariant();

    /// <summary>The persona's voice, glued to the line.</summary>
    public async Task<string> Voiced(string line)
    {
        await Task.Yield();
        return Shout(_persona.Voice + " " + line);
    }

    /// <summary>The speaker's opening, glued to the line.</summary>
    public async Task<string> Opened(string line)
    {
        await Task.Yield();
        return Shout(speaker.Opening + " " + line);
    }
}

/// <summary>Frames reports with the signature its base class declares.</summary>
public class SignedReporter : Reporter
{
    /// <inheritdoc />
    protected override string Frame() => Signature + " ";
}

/// <summary>Frames reports with a tone held as an explicit parameter.</summary>
public class TonedReporter : Reporter
{
    private readonly Parameter<string> _tone = new("Calmly:", "TonedReporter.Tone");

    /// <summary>The tone.</summary>
    public Parameter<string> Tone => _tone;

    /// <inheritdoc />
    protected override string Frame() => _tone.Value + " ";
}

/// <summary>A knight whose motto is trainable and virtual.</summary>
public class Knight
{
    /// <summary>The motto.</summary>
    [Trainable] public virtual string Motto { get; set; } = "For honour.";
}

/// <summary>Overrides the knight's trainable motto with a trainable of its own.</summary>
public class Paladin : Knight
{
    /// <inheritdoc />
    [Trainable] public override string Motto { get; set; } = "For light.";
}

/// <summary>Recites a knight's motto.</summary>
public class Bard
{
    /// <summary>The knight's motto, then the line.</summary>
    [Traced]
    public string Recite(Knight knight, string line) => knight.Motto + " " + line;
}
