using DpoPipeline.Cli;

return await DpoCli.InvokeAsync(args, Console.Out, Console.Error, CancellationToken.None);
